namespace Omg.Packages.Runtimes;

/// <summary>
/// The header fields of a Python core-metadata file (<c>METADATA</c>, <c>PKG-INFO</c>): RFC 822 style,
/// continuation lines start with whitespace, the body after the first blank line is ignored.
/// </summary>
internal sealed class CoreMetadata
{
    private static readonly char[] RequirementEnd = [' ', ';', '<', '>', '=', '!', '~', '[', '('];
    private readonly List<(string Key, string Value)> _fields = [];

    private CoreMetadata()
    {
    }

    public static CoreMetadata Parse(string text)
    {
        var metadata = new CoreMetadata();

        // Line by line up to the first blank one: the body (often a whole README) is never split up.
        var rest = text.AsSpan();
        while (VersionText.NextLine(ref rest, out var raw))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                break;
            }

            if (char.IsWhiteSpace(line[0]))
            {
                if (metadata._fields.Count > 0)
                {
                    var (key, value) = metadata._fields[^1];
                    metadata._fields[^1] = (key, value + "\n" + line.Trim().ToString());
                }

                continue;
            }

            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                metadata._fields.Add((line[..colon].Trim().ToString(), line[(colon + 1)..].Trim().ToString()));
            }
        }

        return metadata;
    }

    /// <summary>The first value of a field (names compare ignoring case), or null.</summary>
    public string? Get(string key) => _fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Every value of a repeatable field.</summary>
    public IEnumerable<string> All(string key) =>
        _fields.Where(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);

    /// <summary>Licenses: <c>License-Expression</c>, else a short <c>License</c>, else the license classifiers.</summary>
    public IReadOnlyList<string> Licenses()
    {
        if (Get("License-Expression") is { Length: > 0 } expression)
        {
            return [expression];
        }

        // Some projects paste the whole license text into License; only a one-line name is useful.
        if (Get("License") is { Length: > 0 } license && !license.Contains('\n') && license.Length <= 100 && license != "UNKNOWN")
        {
            return [license];
        }

        return All("Classifier")
            .Where(c => c.StartsWith("License ::", StringComparison.Ordinal))
            .Select(c => c.Split("::").Last().Trim())
            .Distinct()
            .ToArray();
    }

    /// <summary>Names of the <c>Requires-Dist</c> requirements, without versions, extras or markers.</summary>
    public IReadOnlyList<string> RequiredNames() => All("Requires-Dist")
        .Select(r => r.IndexOfAny(RequirementEnd) is var end and >= 0 ? r[..end] : r)
        .Where(n => n.Length > 0)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToArray();

    /// <summary>
    /// <c>Home-page</c>, else the <c>Project-URL</c> labelled as the home page, else the one labelled as the
    /// source repository, else the documentation's: many projects now publish only the latter two (requests
    /// does), and a link to them serves better than none. Labels compare as PEP 753 normalises them (case,
    /// punctuation and spaces ignored, so <c>Source Code</c> is <c>sourcecode</c>).
    /// </summary>
    public string Homepage()
    {
        if (Get("Home-page") is { Length: > 0 } home && home != "UNKNOWN")
        {
            return home;
        }

        string?[] byRank = new string?[3];
        foreach (var url in All("Project-URL"))
        {
            var comma = url.IndexOf(',');
            if (comma <= 0)
            {
                continue;
            }

            var rank = NormalizedLabel(url.AsSpan(0, comma)) switch
            {
                "homepage" or "home" => 0,
                "source" or "sourcecode" or "repository" or "code" or "github" => 1,
                "documentation" or "docs" => 2,
                _ => -1,
            };
            if (rank >= 0)
            {
                byRank[rank] ??= url[(comma + 1)..].Trim();
            }
        }

        return byRank[0] ?? byRank[1] ?? byRank[2] ?? string.Empty;
    }

    private static string NormalizedLabel(ReadOnlySpan<char> label)
    {
        Span<char> kept = stackalloc char[Math.Min(label.Length, 64)];
        var n = 0;
        foreach (var c in label)
        {
            if (char.IsLetterOrDigit(c) && n < kept.Length)
            {
                kept[n++] = char.ToLowerInvariant(c);
            }
        }

        return kept[..n].ToString();
    }
}
