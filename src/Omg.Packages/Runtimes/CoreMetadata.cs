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
        while (!rest.IsEmpty)
        {
            var newline = rest.IndexOf('\n');
            var line = (newline < 0 ? rest : rest[..newline]).TrimEnd('\r');
            rest = newline < 0 ? default : rest[(newline + 1)..];
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

    /// <summary><c>Home-page</c>, else the <c>Homepage</c> entry of <c>Project-URL</c>.</summary>
    public string Homepage()
    {
        if (Get("Home-page") is { Length: > 0 } home && home != "UNKNOWN")
        {
            return home;
        }

        foreach (var url in All("Project-URL"))
        {
            var comma = url.IndexOf(',');
            if (comma > 0 && url[..comma].Trim().Equals("homepage", StringComparison.OrdinalIgnoreCase))
            {
                return url[(comma + 1)..].Trim();
            }
        }

        return string.Empty;
    }
}
