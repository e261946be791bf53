using System.Text.RegularExpressions;

namespace Omg.Packages.Runtimes;

/// <summary>Reads versions out of the small files runtimes ship, and orders dotted versions.</summary>
internal static partial class VersionText
{
    /// <summary>The value of <c>#define NAME "value"</c> or <c>#define NAME value</c> in a C header.</summary>
    public static string? Define(string? header, string name)
    {
        // Read line by line rather than with a Regex built from the name: runtime detection runs beside the
        // cold index build, and a constructed Regex costs its parser and cache at every start.
        var text = (header ?? string.Empty).AsSpan();
        while (NextLine(ref text, out var line))
        {
            var rest = line.TrimStart();
            if (!rest.StartsWith('#'))
            {
                continue;
            }

            rest = rest[1..].TrimStart();
            if (!SkipWord(ref rest, "define") || !SkipWord(ref rest, name))
            {
                continue;
            }

            if (rest.StartsWith('"'))
            {
                rest = rest[1..];
            }

            var end = 0;
            while (end < rest.Length && rest[end] != '"' && !char.IsWhiteSpace(rest[end]))
            {
                end++;
            }

            var value = rest[..end];
            if (!value.IsEmpty)
            {
                return value.ToString();
            }
        }

        return null;
    }

    /// <summary>The value of <c>KEY=value</c> or <c>KEY="value"</c> (Java's <c>release</c> file), trimmed.</summary>
    public static string? Assignment(string? content, string key)
    {
        var text = (content ?? string.Empty).AsSpan();
        while (NextLine(ref text, out var line))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[key.Length..].TrimStart();
            if (!rest.StartsWith('='))
            {
                continue;
            }

            rest = rest[1..].TrimStart();
            if (rest.StartsWith('"'))
            {
                rest = rest[1..];
            }

            var end = rest.IndexOf('"');
            return (end < 0 ? rest : rest[..end]).Trim().ToString();
        }

        return null;
    }

    // Consumes a whole word followed by at least one blank.
    private static bool SkipWord(ref ReadOnlySpan<char> rest, string word)
    {
        if (!rest.StartsWith(word, StringComparison.Ordinal) || rest.Length == word.Length || !char.IsWhiteSpace(rest[word.Length]))
        {
            return false;
        }

        rest = rest[word.Length..].TrimStart();
        return true;
    }

    /// <summary>
    /// Takes the next line (without its <c>\n</c>) off the front of <paramref name="text"/>; false when nothing
    /// is left. Lines are read in place, the text is never split into strings.
    /// </summary>
    public static bool NextLine(ref ReadOnlySpan<char> text, out ReadOnlySpan<char> line)
    {
        if (text.IsEmpty)
        {
            line = default;
            return false;
        }

        var end = text.IndexOf('\n');
        line = end < 0 ? text : text[..end];
        text = end < 0 ? default : text[(end + 1)..];
        return true;
    }

    /// <summary>The first non-empty line of a file's text, trimmed.</summary>
    public static string? FirstLine(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    /// <summary>Compares dotted versions by their numeric parts, then ordinally.</summary>
    public static int Compare(string a, string b)
    {
        var x = Numbers().Matches(a);
        var y = Numbers().Matches(b);
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var c = long.Parse(x[i].Value).CompareTo(long.Parse(y[i].Value));
            if (c != 0)
            {
                return c;
            }
        }

        return x.Count != y.Count ? x.Count.CompareTo(y.Count) : string.CompareOrdinal(a, b);
    }

    [GeneratedRegex(@"\d{1,18}")]
    private static partial Regex Numbers();
}
