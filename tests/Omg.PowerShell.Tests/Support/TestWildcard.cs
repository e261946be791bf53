using System.Text;
using System.Text.RegularExpressions;

namespace Omg.PowerShell.Tests.Support;

/// <summary>
/// PowerShell's wildcard rules for tests: the engine's WildcardPattern is not available outside pwsh (the
/// standard library only carries its shape), so the cmdlets' matcher is replaced by this equivalent.
/// </summary>
internal static class TestWildcard
{
    public static Predicate<string> Matcher(string pattern)
    {
        var regex = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '`' when i + 1 < pattern.Length: regex.Append(Regex.Escape(pattern[++i].ToString())); break;
                case '*': regex.Append(".*"); break;
                case '?': regex.Append('.'); break;
                case '[':
                    int close = pattern.IndexOf(']', i + 1);
                    regex.Append(pattern, i, close - i + 1);
                    i = close;
                    break;
                default: regex.Append(Regex.Escape(c.ToString())); break;
            }
        }

        var compiled = new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return compiled.IsMatch;
    }
}
