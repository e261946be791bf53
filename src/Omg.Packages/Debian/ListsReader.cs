using Omg.Packages.Compression;
using System.Runtime.CompilerServices;

namespace Omg.Packages.Debian;

/// <summary>Reads the Packages and Translation indexes of apt's lists directory.</summary>
internal sealed class ListsReader : IDisposable
{
    private readonly DebianArchitectures _archs;
    private readonly AptPreferences _preferences;
    private readonly List<string> _problems;
    private int[] _filePriorities = [];

    /// <summary>Creates a reader that resolves architectures against <paramref name="archs"/> and pins by <paramref name="preferences"/>.</summary>
    public ListsReader(DebianArchitectures archs, AptPreferences preferences, List<string> problems)
    {
        _archs = archs;
        _preferences = preferences;
        _problems = problems;
    }

    /// <summary>Available packages keyed by apt's full name.</summary>
    public Dictionary<string, AvailablePackage> Available { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Full names for which some list version is Essential or Protected (apt flags the package).</summary>
    public HashSet<string> Flagged { get; } = new(StringComparer.Ordinal);

    /// <summary>Long descriptions from Translation files by Description-md5: (buffer index, offset, length).</summary>
    public Dictionary<string, (int Buffer, int Start, int Length)> Translations { get; } = new(StringComparer.Ordinal);

    /// <summary>Decompressed list contents, indexed like the list files; null for files that failed.</summary>
    public List<NativeBuffer?> Buffers { get; } = [];

    /// <summary>Returns the pooled list buffers; records must have been built before.</summary>
    public void Dispose()
    {
        for (var i = 0; i < Buffers.Count; i++)
        {
            if (Buffers[i] is { } buffer)
            {
                DecodeBuffers.Return(buffer);
                Buffers[i] = null;
            }
        }
    }

    // A Debian Packages paragraph is 700-1000 bytes; estimating low wastes a little memory, never correctness.
    private const int BytesPerParagraph = 700;

    /// <summary>
    /// Decompresses every file, in parallel. Needs nothing from dpkg, so a load starts it first and reads
    /// the status file meanwhile; <see cref="ReadAll"/> then parses the result.
    /// </summary>
    public static DecodedLists Decode(IReadOnlyList<ListFile> files, CancellationToken cancellationToken)
    {
        var decoded = new DecompressedData?[files.Count];
        var errors = new string?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            try
            {
                decoded[i] = IndexDecompressor.ReadAll(files[i].Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
            {
                errors[i] = $"{files[i].Path}: skipped, {e.Message}";
            }
        });
        return new DecodedLists(decoded, errors);
    }

    /// <summary>Parses decompressed files, in file order; failures become problems. Takes ownership of the buffers.</summary>
    public void ReadAll(IReadOnlyList<ListFile> files, DecodedLists lists, CancellationToken cancellationToken)
    {
        var (decoded, errors) = lists;
        _filePriorities = files.Select(_preferences.FilePriority).ToArray();
        var total = 0L;
        for (var i = 0; i < files.Count; i++)
        {
            total += files[i].Kind == ListFileKind.Packages && decoded[i] is { } d ? d.Length : 0;
        }

        Available = new Dictionary<string, AvailablePackage>((int)Math.Min(total / BytesPerParagraph, 1 << 22), StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Buffers.Add(decoded[i]?.Buffer);
            if (errors[i] is { } error)
            {
                _problems.Add(error);
                continue;
            }

            var data = decoded[i]!.Value;
            if (files[i].Kind == ListFileKind.Packages)
            {
                ReadPackages(data.Buffer, data.Length, i, files[i]);
            }
            else
            {
                ReadTranslations(data.Span, i, files[i].Path);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadPackages(NativeBuffer buffer, int length, int index, ListFile file)
    {
        // The main list is most of the work: parse parts of it on all cores, then merge in file order so
        // "first seen" stays first.
        var parts = SplitAtParagraphs(buffer.Span[..length], Math.Min(Environment.ProcessorCount, length / (4 << 20) + 1));
        var results = new PartResult[parts.Count];
        Parallel.For(0, parts.Count, i => results[i] = ReadPart(buffer.Span[..parts[i].End], parts[i].Start, parts[i].Line, index, file));
        foreach (var result in results)
        {
            _problems.AddRange(result.Problems);
            foreach (var (name, key, version, flagged) in result.Entries)
            {
                if (Available.TryGetValue(key, out var package))
                {
                    package.Add(version);
                }
                else
                {
                    Available[key] = new AvailablePackage(name, key, version);
                }

                if (flagged)
                {
                    Flagged.Add(key);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PartResult ReadPart(ReadOnlySpan<byte> data, int start, int line, int index, ListFile file)
    {
        // Sized up front: growing these by doubling would churn the large object heap and trigger full GCs.
        var expected = (data.Length - start) / BytesPerParagraph + 16;
        var pool = new NamePool(expected * 2);
        var result = new PartResult(new(expected), []);
        var reader = new Deb822Reader(data, start, line);
        while (reader.NextParagraph())
        {
            if (!FieldSpans.Read(ref reader, out var spans, out var error))
            {
                result.Problems.Add($"{file.Path}: paragraph at line {reader.ParagraphLine} (offset {reader.ParagraphOffset}) skipped: {error}");
                continue;
            }

            var nameBytes = spans.Get(data, ControlField.Package);
            var versionBytes = spans.Get(data, ControlField.Version);
            var archBytes = spans.Get(data, ControlField.Architecture);
            if (nameBytes.IsEmpty || versionBytes.IsEmpty || archBytes.IsEmpty)
            {
                result.Problems.Add($"{file.Path}: paragraph at line {reader.ParagraphLine} (offset {reader.ParagraphOffset}) skipped: missing Package, Version or Architecture");
                continue;
            }

            var arch = pool.Get(archBytes);
            if (!_archs.IsConfigured(arch))
            {
                continue;
            }

            var name = pool.Get(nameBytes);
            var key = arch == "all" || arch == _archs.Native ? name : pool.Get(name + ":" + arch);
            var flagged = Deb822Text.IsYes(spans.Get(data, ControlField.Essential)) || Deb822Text.IsYes(spans.Get(data, ControlField.Protected)) || Deb822Text.IsYes(spans.Get(data, ControlField.Important));
            var version = pool.Get(versionBytes);
            var available = new AvailableVersion(version, arch, _filePriorities[index], index, RecordSpans.From(spans));
            if (_preferences.HasSpecificPins
                && _preferences.SpecificPin(name, SourceName(spans.Get(data, ControlField.Source), name), arch, _archs.Native, version, file) is { } pin)
            {
                available = available with { Priority = pin.Priority, PinOrder = pin.Order };
            }

            result.Entries.Add((name, key, available, flagged));
        }

        return result;
    }

    // Without a Source field the source is named like the package.
    private static string SourceName(ReadOnlySpan<byte> source, string name) =>
        Deb822Text.SourceNamePart(source) is { IsEmpty: false } namePart ? Deb822Text.ToText(namePart) : name;

    // Cuts at blank lines ("\n\n") near equal sizes; a file without them (CRLF) stays one part.
    private static List<(int Start, int End, int Line)> SplitAtParagraphs(ReadOnlySpan<byte> data, int count)
    {
        var parts = new List<(int Start, int End, int Line)>(count);
        var start = 0;
        var line = 1;
        for (var i = 1; i < count; i++)
        {
            var target = Math.Max(start, (int)((long)data.Length * i / count));
            var blank = data[target..].IndexOf("\n\n"u8);
            if (blank < 0)
            {
                break;
            }

            var end = target + blank + 2;
            parts.Add((start, end, line));
            line += data[start..end].Count((byte)'\n');
            start = end;
        }

        parts.Add((start, data.Length, line));
        return parts;
    }

    /// <summary>What one part of a list produced.</summary>
    private sealed record PartResult(List<(string Name, string Key, AvailableVersion Version, bool Flagged)> Entries, List<string> Problems);

    private void ReadTranslations(ReadOnlySpan<byte> data, int index, string path)
    {
        var reader = new Deb822Reader(data);
        while (reader.NextParagraph())
        {
            string? md5 = null;
            (int, int, int)? text = null;
            while (reader.NextField(out var name, out var value, out var offset))
            {
                if (System.Text.Ascii.EqualsIgnoreCase(name, "Description-md5"u8))
                {
                    md5 = Deb822Text.ToText(value);
                }
                else if (name.StartsWith("Description-"u8))
                {
                    text = (index, offset, value.Length);
                }
            }

            if (reader.Error is { } error)
            {
                _problems.Add($"{path}: paragraph at line {reader.ParagraphLine} (offset {reader.ParagraphOffset}) skipped: {error}");
            }
            else if (md5 is not null && text is { } t)
            {
                Translations.TryAdd(md5, t);
            }
        }
    }
}
