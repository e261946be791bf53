using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Omg.Packages.Debian;

/// <summary>
/// apt's string patterns in preferences: <c>/regex/</c> (extended syntax, case-insensitive) or a
/// <c>glob(7)</c> expression (<c>*</c>, <c>?</c>, <c>[...]</c>, case-insensitive); anything else is a glob
/// without wildcards, i.e. a case-insensitive literal.
/// </summary>
internal static class AptPattern
{
    // Preferences hold a handful of patterns; each is compiled once per process.
    private static readonly ConcurrentDictionary<string, Regex?> Compiled = new(StringComparer.Ordinal);

    /// <summary>True for a regular expression or a glob with wildcards (as apt decides for Package fields).</summary>
    public static bool IsPattern(string text) =>
        (text.Length >= 2 && text[0] == '/' && text[^1] == '/') || text.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>Whether <paramref name="value"/> matches <paramref name="pattern"/>; an invalid regex matches nothing.</summary>
    public static bool Matches(string pattern, string value) =>
        Compiled.GetOrAdd(pattern, Compile) is { } regex && regex.IsMatch(value);

    private static Regex? Compile(string pattern)
    {
        try
        {
            return pattern.Length >= 2 && pattern[0] == '/' && pattern[^1] == '/'
                ? new Regex(pattern[1..^1], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
                : new Regex(GlobToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string GlobToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    // A ']' right after '[' (or after its negation) belongs to the set, as fnmatch reads it; a '['
                    // with no ']' after it is a literal, even at the very end of the pattern.
                    var negated = i + 1 < glob.Length && glob[i + 1] is '!' or '^';
                    var first = i + (negated ? 2 : 1);
                    var close = first + 1 <= glob.Length ? glob.IndexOf(']', Math.Min(first + 1, glob.Length)) : -1;
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    // glibc's fnmatch, which apt calls, takes '^' for '!' as well.
                    var set = glob[first..close];
                    regex.Append('[').Append(negated ? "^" : string.Empty).Append(Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < glob.Length:
                    regex.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
