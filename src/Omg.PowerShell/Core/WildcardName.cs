using System.Text;

namespace Omg.PowerShell;

/// <summary>
/// What PowerShell's wildcard syntax means for a package name: whether it has wildcards, and which literal
/// text to ask the daemon for, since Search and Suggest take plain text, not patterns.
/// </summary>
public static class WildcardName
{
    /// <summary>True when <paramref name="name"/> has an unescaped <c>*</c>, <c>?</c> or <c>[</c>.</summary>
    public static bool ContainsWildcard(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '`')
            {
                i++;
            }
            else if (c is '*' or '?' or '[')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The longest run of literal characters in <paramref name="pattern"/> (escapes removed, bracket
    /// classes skipped): <c>*ssl3</c> gives <c>ssl3</c>; of runs as long, the first wins.
    /// </summary>
    /// <returns>The text to search for; empty when the pattern has no literal character at all.</returns>
    public static string LongestLiteral(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        string best = string.Empty;
        var run = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '`' && i + 1 < pattern.Length)
            {
                run.Append(pattern[++i]);
                continue;
            }

            if (c is '*' or '?' or '[')
            {
                if (run.Length > best.Length)
                {
                    best = run.ToString();
                }

                run.Clear();
                if (c == '[')
                {
                    int close = pattern.IndexOf(']', i + 1);
                    i = close < 0 ? pattern.Length : close;
                }

                continue;
            }

            run.Append(c);
        }

        return run.Length > best.Length ? run.ToString() : best;
    }
}
