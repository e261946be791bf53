namespace Omg.Packages.Index;

/// <summary>Ranks one lower-cased query word against a package's lower-cased name and provides.</summary>
internal static class NameRanker
{
    public static MatchKind Rank(string name, string[] provides, ReadOnlySpan<char> word)
    {
        var span = name.AsSpan();
        var at = span.IndexOf(word, StringComparison.Ordinal);
        if (at == 0)
        {
            return span.Length == word.Length ? MatchKind.ExactName : MatchKind.NamePrefix;
        }

        if (at > 0)
        {
            // A later occurrence may sit on a word boundary even when the first does not.
            while (at > 0)
            {
                if (IsBoundary(span[at - 1]))
                {
                    return MatchKind.NameWordBoundary;
                }

                var next = span[(at + 1)..].IndexOf(word, StringComparison.Ordinal);
                at = next < 0 ? -1 : at + 1 + next;
            }

            return MatchKind.NameSubstring;
        }

        foreach (var p in provides)
        {
            if (p.AsSpan().IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return MatchKind.Provides;
            }
        }

        return MatchKind.Description;
    }

    private static bool IsBoundary(char c) => c is '-' or '.' or '+' or '_';
}
