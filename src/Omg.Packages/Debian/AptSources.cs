using System.Text;

namespace Omg.Packages.Debian;

/// <summary>
/// The binary repositories apt is configured with (<c>etc/apt/sources.list</c>, <c>sources.list.d/*.list</c> and
/// <c>*.sources</c>), reduced to what decides which files in the lists directory apt reads: a list no <c>deb</c>
/// entry refers to (left behind by a removed repository until the next <c>apt update</c>) is ignored by apt, so
/// it must not supply candidates here either.
/// </summary>
internal sealed class AptSources
{
    // apt's URItoFileName quotes these (besides control characters, space and non-ASCII) as %xx, then turns '/' into '_'.
    private const string QuotedCharacters = "\\|{}[]<>\"^~_=!@#$%^&*";

    // A class, not a tuple: List over a struct is framework code compiled at every start, inside the cold build.
    private readonly List<Target> _targets = [];

    private AptSources()
    {
    }

    /// <summary>
    /// Reads the root's sources; null when the root has no sources file at all (a bare tree: every list is
    /// read) or one uses a method whose list names are not derived from its URI here (<c>cdrom:</c>,
    /// <c>mirror+</c>...: every list is read, as before). Sources files without one <c>deb</c> entry (all
    /// commented out, or <c>deb-src</c> only) give sources that cover no list, as apt then reads none.
    /// </summary>
    public static AptSources? Load(string root, List<string> problems)
    {
        var sources = new AptSources();
        var main = Path.Combine(root, "etc/apt/sources.list");
        var parts = Path.Combine(root, "etc/apt/sources.list.d");
        // In sources.list.d apt reads only *.list and *.sources, and ignores other names with a notice.
        IEnumerable<string> files = File.Exists(main) ? [main] : [];
        var read = false;
        foreach (var file in files.Concat(AptParts.Files(parts, [".list", ".sources"], allowNoExtension: false)))
        {
            read = true;
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file}: unreadable ({e.Message}); every list is read");
                return null;
            }

            var entries = file.EndsWith(".sources", StringComparison.Ordinal) ? Deb822Entries(text) : OneLineEntries(text);
            foreach (var (uri, suites, components, architectures) in entries)
            {
                foreach (var suite in suites)
                {
                    if (!sources.Add(uri, suite, components, architectures))
                    {
                        return null;
                    }
                }
            }
        }

        return read ? sources : null;
    }

    /// <summary>Whether apt reads the list whose name, without compression extension, is <paramref name="baseName"/>.</summary>
    public bool Covers(string baseName)
    {
        foreach (var (prefix, architectures, flat) in _targets)
        {
            if (!baseName.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            // A flat repository's lists are whatever sits under its URI.
            var rest = baseName.AsSpan(prefix.Length);
            if (flat || rest.StartsWith("i18n_Translation-"))
            {
                return true;
            }

            if (rest.StartsWith("binary-") && rest.EndsWith("_Packages"))
            {
                var architecture = rest["binary-".Length..^"_Packages".Length].ToString();
                if (architectures is null || architectures.Contains(architecture, StringComparer.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The list-name prefix apt uses for <paramref name="uri"/> plus <paramref name="path"/>: scheme and credentials dropped, quoted, '/' as '_'.</summary>
    public static string? FileNamePrefix(string uri, string path)
    {
        var colon = uri.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var scheme = uri[..colon];
        if (scheme is not ("http" or "https" or "ftp" or "file" or "copy" or "tor+http" or "tor+https"))
        {
            return null;
        }

        var rest = uri[(colon + 1)..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            rest = rest[2..];
            var slash = rest.IndexOf('/');
            var authority = slash < 0 ? rest : rest[..slash];
            var at = authority.LastIndexOf('@');
            rest = (at < 0 ? authority : authority[(at + 1)..]) + (slash < 0 ? string.Empty : rest[slash..]);
        }

        if (!rest.EndsWith('/'))
        {
            rest += "/";
        }

        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(rest + path))
        {
            if (b <= 0x20 || b >= 0x7f || QuotedCharacters.Contains((char)b, StringComparison.Ordinal))
            {
                text.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(b == '/' ? '_' : (char)b);
            }
        }

        return text.ToString();
    }

    private bool Add(string uri, string suite, string[] components, string[]? architectures)
    {
        if (suite.EndsWith('/'))
        {
            // A flat repository: its indexes sit under the URI, with no dists/ and no components.
            var flatPrefix = FileNamePrefix(uri, string.Empty);
            if (flatPrefix is null)
            {
                return false;
            }

            _targets.Add(new Target(flatPrefix, architectures, true));
            return true;
        }

        foreach (var component in components)
        {
            var prefix = FileNamePrefix(uri, $"dists/{suite}/{component}/");
            if (prefix is null)
            {
                return false;
            }

            _targets.Add(new Target(prefix, architectures, false));
        }

        return true;
    }

    // "deb [arch=amd64 signed-by=...] URI SUITE COMPONENT..." lines; deb-src and comments are not binary lists.
    private static IEnumerable<(string Uri, string[] Suites, string[] Components, string[]? Architectures)> OneLineEntries(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var hash = raw.IndexOf('#');
            var line = (hash < 0 ? raw : raw[..hash]).Trim();
            if (!line.StartsWith("deb", StringComparison.Ordinal) || line.Length == 3 || line[3] is not (' ' or '\t' or '['))
            {
                continue;
            }

            var rest = line[3..].TrimStart();
            string[]? architectures = null;
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']');
                if (close < 0)
                {
                    continue;
                }

                foreach (var option in rest[1..close].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (option.StartsWith("arch=", StringComparison.Ordinal))
                    {
                        architectures = option["arch=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries);
                    }
                }

                rest = rest[(close + 1)..];
            }

            var words = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2)
            {
                yield return (words[0], [words[1]], words[2..], architectures);
            }
        }
    }

    // deb822 stanzas: Types, URIs, Suites, Components, Architectures, Enabled.
    private static List<(string Uri, string[] Suites, string[] Components, string[]? Architectures)> Deb822Entries(string text)
    {
        var entries = new List<(string, string[], string[], string[]?)>();
        var reader = new Deb822Reader(Deb822Text.WithoutCommentLines(text));
        while (reader.NextParagraph())
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (reader.NextField(out var name, out var value, out _))
            {
                fields[Encoding.ASCII.GetString(name)] = Deb822Text.ToText(value);
            }

            string[] Words(string key) => fields.TryGetValue(key, out var value) ? value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries) : [];
            if (reader.Error is not null
                || !Words("Types").Contains("deb", StringComparer.Ordinal)
                || (fields.TryGetValue("Enabled", out var enabled) && enabled.Trim().Equals("no", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            string[]? architectures = fields.ContainsKey("Architectures") ? Words("Architectures") : null;
            foreach (var uri in Words("URIs"))
            {
                entries.Add((uri, Words("Suites"), Words("Components"), architectures));
            }
        }

        return entries;
    }

    /// <summary>One index target: its list file name prefix, the architectures it is limited to, and whether it is a flat repository.</summary>
    private sealed record Target(string Prefix, string[]? Architectures, bool Flat);
}
