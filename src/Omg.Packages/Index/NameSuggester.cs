namespace Omg.Packages.Index;

/// <summary>
/// Fuzzy name completion. The distance of a name to the query is the optimal string alignment
/// (restricted Damerau-Levenshtein) distance between the query and the name's closest prefix, so
/// completions of a misspelt prefix are found. Names are kept sorted, which makes the array an
/// implicit trie: DP rows of the prefix shared with the previous name are reused, and a whole block
/// of names sharing a prefix is skipped once a row's minimum exceeds the bound (row minima never
/// decrease, also with transpositions).
/// </summary>
internal sealed class NameSuggester
{
    private const int MaxQuery = 64;

    private readonly string[] _lower;
    private readonly string[] _display;
    private readonly bool[] _installed;

    /// <param name="lower">Distinct lower-cased names in ordinal order.</param>
    /// <param name="display">The name to return for each entry.</param>
    /// <param name="installed">Whether some package of that name is installed.</param>
    public NameSuggester(string[] lower, string[] display, bool[] installed)
    {
        _lower = lower;
        _display = display;
        _installed = installed;
    }

    /// <summary>The largest distance accepted for a query of <paramref name="length"/> characters.</summary>
    public static int MaxDistance(int length) => length switch
    {
        <= 2 => 0,
        <= 5 => 1,
        <= 9 => 2,
        _ => 3,
    };

    public IReadOnlyList<string> Suggest(string query, int limit)
    {
        var q = query.AsSpan().Trim();
        if (q.IsEmpty || limit <= 0 || _lower.Length == 0)
        {
            return [];
        }

        Span<char> qBuffer = stackalloc char[MaxQuery];
        var m = q[..Math.Min(q.Length, MaxQuery)].ToLowerInvariant(qBuffer);
        ReadOnlySpan<char> word = qBuffer[..m];
        var k = MaxDistance(m);
        var maxDepth = m + k;
        var width = m + 1;

        Span<int> d = stackalloc int[(maxDepth + 1) * width];
        Span<int> bestPrefix = stackalloc int[maxDepth + 1];
        for (var j = 0; j <= m; j++)
        {
            d[j] = j;
        }

        bestPrefix[0] = m;
        var top = new TopCandidates(limit);
        string path = string.Empty;
        var valid = 0;
        var i = 0;
        while (i < _lower.Length)
        {
            var name = _lower[i];
            valid = Math.Min(valid, name.AsSpan().CommonPrefixLength(path));
            path = name;
            var rows = Math.Min(name.Length, maxDepth);
            var pruned = false;
            for (var r = valid + 1; r <= rows; r++)
            {
                var rowMin = FillRow(d, width, r, name, word);
                bestPrefix[r] = Math.Min(bestPrefix[r - 1], d[(r * width) + m]);
                valid = r;
                if (rowMin > k)
                {
                    pruned = true;
                    break;
                }
            }

            if (pruned)
            {
                // Every name sharing this prefix has the prefix distance found above it and a
                // whole-name distance beyond the bound; offer the block without more rows.
                var end = SkipPrefix(i, name.AsSpan(0, valid));
                var distance = bestPrefix[valid - 1];
                if (distance <= k && top.CouldAccept(new Candidate(distance, k + 1, false, valid, i)))
                {
                    for (var b = i; b < end; b++)
                    {
                        top.Offer(new Candidate(distance, k + 1, !_installed[b], _lower[b].Length, b));
                    }
                }

                i = end;
                continue;
            }

            var prefixDistance = bestPrefix[rows];
            if (prefixDistance <= k)
            {
                var full = name.Length <= maxDepth ? d[(name.Length * width) + m] : k + 1;
                top.Offer(new Candidate(prefixDistance, Math.Min(full, k + 1), !_installed[i], name.Length, i));
            }

            i++;
        }

        return top.Names(_display);
    }

    private static int FillRow(Span<int> d, int width, int r, string name, ReadOnlySpan<char> word)
    {
        var row = d.Slice(r * width, width);
        var prev = d.Slice((r - 1) * width, width);
        var c = name[r - 1];
        row[0] = r;
        var rowMin = r;
        for (var j = 1; j < width; j++)
        {
            var cost = c == word[j - 1] ? 0 : 1;
            var v = Math.Min(Math.Min(prev[j] + 1, row[j - 1] + 1), prev[j - 1] + cost);
            if (r > 1 && j > 1 && c == word[j - 2] && name[r - 2] == word[j - 1])
            {
                v = Math.Min(v, d[((r - 2) * width) + j - 2] + 1);
            }

            row[j] = v;
            rowMin = Math.Min(rowMin, v);
        }

        return rowMin;
    }

    /// <summary>First index after <paramref name="i"/> whose name does not start with <paramref name="prefix"/>.</summary>
    private int SkipPrefix(int i, ReadOnlySpan<char> prefix)
    {
        int lo = i + 1, hi = _lower.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_lower[mid].AsSpan().StartsWith(prefix, StringComparison.Ordinal))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
