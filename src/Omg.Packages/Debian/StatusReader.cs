namespace Omg.Packages.Debian;

/// <summary>Reads dpkg's status file and apt's extended_states.</summary>
internal static class StatusReader
{
    /// <summary>
    /// The dpkg states whose packages have files on disk, the ones apt gives a current version and
    /// <c>dpkg-query</c> abbreviates i, U, F, W, t and H: everything except not-installed and config-files.
    /// </summary>
    public static bool IsInstalledState(ReadOnlySpan<byte> state) =>
        state.SequenceEqual("installed"u8) || state.SequenceEqual("half-configured"u8) || state.SequenceEqual("unpacked"u8)
        || state.SequenceEqual("triggers-awaited"u8) || state.SequenceEqual("triggers-pending"u8) || state.SequenceEqual("half-installed"u8);

    /// <summary>Paragraphs of installed packages (field spans into <paramref name="status"/>).</summary>
    public static List<FieldSpans> ReadInstalled(ReadOnlySpan<byte> status, string path, List<string> problems)
    {
        var installed = new List<FieldSpans>();
        status = WithoutCutShortEnd(status, path, problems);
        var reader = new Deb822Reader(status);
        while (reader.NextParagraph())
        {
            if (!FieldSpans.Read(ref reader, out var spans, out var error))
            {
                problems.Add($"{path}: paragraph at line {reader.ParagraphLine} (offset {reader.ParagraphOffset}) skipped: {error}");
                continue;
            }

            var wellFormed = TrySplitStatus(spans.Get(status, ControlField.Status), out _, out var state);
            if (!spans.Has(ControlField.Package) || !wellFormed)
            {
                problems.Add($"{path}: paragraph at line {reader.ParagraphLine} (offset {reader.ParagraphOffset}) skipped: "
                    + (spans.Has(ControlField.Package) ? "Status is not 'want flag state'" : "no Package field"));
                continue;
            }

            if (!IsInstalledState(state))
            {
                continue;
            }

            if (spans.Get(status, ControlField.Version).IsEmpty)
            {
                problems.Add($"{path}: paragraph at line {reader.ParagraphLine} (offset {reader.ParagraphOffset}) skipped: installed package without Version");
                continue;
            }

            installed.Add(spans);
        }

        return installed;
    }

    // dpkg replaces its status file whole (status-new, then rename), ending it with a newline; one that ends mid-line
    // was cut short, and its last paragraph may hold a truncated Version or Status that would read as valid. That
    // paragraph is left out and said, instead of accepted silently. Spans stay valid: the view keeps its start.
    private static ReadOnlySpan<byte> WithoutCutShortEnd(ReadOnlySpan<byte> status, string path, List<string> problems)
    {
        if (status.IsEmpty || status[^1] == (byte)'\n')
        {
            return status;
        }

        int boundary = status.LastIndexOf("\n\n"u8);
        int kept = boundary < 0 ? 0 : boundary + 2;
        int line = 1 + status[..kept].Count((byte)'\n');
        problems.Add($"{path}: ends mid-line (cut short?); its last paragraph, at line {line}, skipped");
        return status[..kept];
    }

    /// <summary>The most common concrete architecture among installed packages, for roots that do not say.</summary>
    public static string? CommonestArchitecture(ReadOnlySpan<byte> status, List<FieldSpans> installed)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var spans in installed)
        {
            var arch = Deb822Text.ToText(spans.Get(status, ControlField.Architecture));
            if (arch.Length > 0 && arch != "all")
            {
                counts[arch] = counts.GetValueOrDefault(arch) + 1;
            }
        }

        return counts.Count == 0 ? null : counts.MaxBy(kv => kv.Value).Key;
    }

    /// <summary>
    /// The architecture of the installed <c>dpkg</c> package: dpkg's native architecture is the one its
    /// own binary was built for, so this answers <c>dpkg --print-architecture</c> without starting a process.
    /// </summary>
    public static string? DpkgArchitecture(ReadOnlySpan<byte> status, List<FieldSpans> installed)
    {
        foreach (var spans in installed)
        {
            if (spans.Get(status, ControlField.Package).Trim(" \t"u8).SequenceEqual("dpkg"u8))
            {
                var arch = Deb822Text.ToText(spans.Get(status, ControlField.Architecture).Trim(" \t"u8));
                return arch.Length > 0 && arch != "all" ? arch : null;
            }
        }

        return null;
    }

    /// <summary>Builds the installed packages, keyed by apt's full name.</summary>
    public static Dictionary<string, InstalledPackage> Build(
        ReadOnlySpan<byte> status, List<FieldSpans> installed, DebianArchitectures archs, NamePool pool, string path, List<string> problems)
    {
        var result = new Dictionary<string, InstalledPackage>(installed.Count, StringComparer.Ordinal);
        var scratch = new List<string>();
        var arena = new ByteArena();
        foreach (var spans in installed)
        {
            var name = pool.Get(spans.Get(status, ControlField.Package).Trim(" \t"u8));
            var arch = pool.Get(spans.Get(status, ControlField.Architecture));
            if (arch.Length == 0)
            {
                arch = archs.Native;
            }

            var archKey = arch == "all" ? archs.Native : arch;
            var key = archKey == archs.Native ? name : name + ":" + archKey;
            var version = pool.Get(spans.Get(status, ControlField.Version));
            TrySplitStatus(spans.Get(status, ControlField.Status), out var want, out var state);
            ParseSource(spans.Get(status, ControlField.Source), name, version, pool, out var sourceName, out var sourceVersion);
            var depends = RelationParser.ParseGroups(spans.Get(status, ControlField.PreDepends), pool);
            depends.AddRange(RelationParser.ParseGroups(spans.Get(status, ControlField.Depends), pool));
            var package = new InstalledPackage
            {
                Name = name,
                Key = key,
                Architecture = arch,
                ArchKey = archKey,
                Version = version,
                State = pool.Get(state),
                OnHold = want.SequenceEqual("hold"u8),
                Essential = Deb822Text.IsYes(spans.Get(status, ControlField.Essential)),
                Important = Deb822Text.IsYes(spans.Get(status, ControlField.Protected)) || Deb822Text.IsYes(spans.Get(status, ControlField.Important)),
                PriorityRequired = System.Text.Ascii.EqualsIgnoreCase(spans.Get(status, ControlField.Priority), "required"u8),
                MultiArch = pool.Get(spans.Get(status, ControlField.MultiArch)).ToLowerInvariant(),
                SourceName = sourceName,
                SourceVersion = sourceVersion,
                Depends = depends,
                Recommends = RelationParser.ParseGroups(spans.Get(status, ControlField.Recommends), pool),
                Suggests = RelationParser.ParseGroups(spans.Get(status, ControlField.Suggests), pool),
                Provides = RelationParser.ParseGroups(spans.Get(status, ControlField.Provides), pool).Select(g => g[0]).ToList(),
                Fields = RecordFields.From(status, spans, pool, scratch, arena, keepMd5: true),
            };
            if (!result.TryAdd(key, package))
            {
                problems.Add($"{path}: second installed entry for {key} ignored");
            }
        }

        return result;
    }

    /// <summary>Applies <c>Auto-Installed: 1</c> entries of extended_states to the installed packages.</summary>
    public static void ApplyExtendedStates(ReadOnlySpan<byte> data, string path, Dictionary<string, InstalledPackage> installed, DebianArchitectures archs, List<string> problems)
    {
        var reader = new Deb822Reader(data);
        while (reader.NextParagraph())
        {
            if (!FieldSpans.Read(ref reader, out var spans, out var error))
            {
                problems.Add($"{path}: paragraph at line {reader.ParagraphLine} (offset {reader.ParagraphOffset}) skipped: {error}");
                continue;
            }

            var auto = spans.Get(data, ControlField.AutoInstalled).Trim(" \t"u8);
            if (!System.Buffers.Text.Utf8Parser.TryParse(auto, out int value, out _) || value <= 0)
            {
                continue;
            }

            var name = Deb822Text.ToText(spans.Get(data, ControlField.Package).Trim(" \t"u8));
            var arch = Deb822Text.ToText(spans.Get(data, ControlField.Architecture).Trim(" \t"u8));
            // apt looks an entry without Architecture up as "any", which prefers the native package.
            var key = arch.Length == 0 || arch == archs.Native || arch == "all" ? name : name + ":" + arch;
            if (installed.TryGetValue(key, out var package))
            {
                package.Auto = true;
            }
            else if (arch.Length == 0 && installed.Values.FirstOrDefault(p => p.Name == name) is { } other)
            {
                other.Auto = true;
            }
        }
    }

    private static void ParseSource(ReadOnlySpan<byte> source, string name, string version, NamePool pool, out string sourceName, out string sourceVersion)
    {
        source = source.Trim(" \t"u8);
        var paren = source.IndexOf((byte)'(');
        var namePart = Deb822Text.SourceNamePart(source);
        sourceName = namePart.IsEmpty ? name : pool.Get(namePart);
        sourceVersion = version;
        if (paren >= 0)
        {
            // The ')' that closes this '(': a damaged field may hold one before it, which must not end the version.
            var after = source[(paren + 1)..];
            var close = after.IndexOf((byte)')');
            var inner = (close < 0 ? after : after[..close]).Trim(" \t"u8);
            if (!inner.IsEmpty)
            {
                sourceVersion = pool.Get(inner);
            }
        }
    }

    // Status is "want flag state", e.g. "install ok installed".
    private static bool TrySplitStatus(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> want, out ReadOnlySpan<byte> state)
    {
        value = value.Trim(" \t"u8);
        var first = value.IndexOfAny(" \t"u8);
        want = first < 0 ? value : value[..first];
        var rest = first < 0 ? default : value[first..].TrimStart(" \t"u8);
        var second = rest.IndexOfAny(" \t"u8);
        state = second < 0 ? default : rest[second..].TrimStart(" \t"u8);
        return second > 0 && !state.IsEmpty && state.IndexOfAny(" \t"u8) < 0;
    }
}
