using System.Text.RegularExpressions;

namespace Omg.Packages.Runtimes;

/// <summary>Reads versions out of the small files runtimes ship, and orders dotted versions.</summary>
internal static partial class VersionText
{
    /// <summary>The value of <c>#define NAME "value"</c> or <c>#define NAME value</c> in a C header.</summary>
    public static string? Define(string? header, string name)
    {
        if (header is null)
        {
            return null;
        }

        var m = Regex.Match(header, $@"^\s*#\s*define\s+{Regex.Escape(name)}\s+""?([^""\s]+)""?", RegexOptions.Multiline);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The value of <c>KEY=value</c> or <c>KEY="value"</c> (Java's <c>release</c> file).</summary>
    public static string? Assignment(string? text, string key)
    {
        if (text is null)
        {
            return null;
        }

        var m = Regex.Match(text, $@"^{Regex.Escape(key)}\s*=\s*""?([^""\r\n]*)""?", RegexOptions.Multiline);
        return m.Success ? m.Groups[1].Value.Trim() : null;
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
