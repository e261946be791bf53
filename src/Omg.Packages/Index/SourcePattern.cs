namespace Omg.Packages.Index;

/// <summary>
/// A source name pattern as PowerShell users write them: <c>*</c> for any run of characters, <c>?</c> for one,
/// compared ignoring case. Source names are short words (<c>apt</c>, <c>npm</c>, <c>pypi</c>), so the simple
/// backtracking match is all it needs.
/// </summary>
internal static class SourcePattern
{
    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                // Remember the star; first try matching it against nothing.
                star = p++;
                resume = n;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(name[n])))
            {
                p++;
                n++;
            }
            else if (star >= 0)
            {
                // Let the last star swallow one more character and retry from there.
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
