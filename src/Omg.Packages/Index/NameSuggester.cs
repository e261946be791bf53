using System.Runtime.CompilerServices;

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

    /// <summary>Depths whose block ends are precomputed (most prunes happen in the first few characters).</summary>
    private const int SkipDepths = 8;

    private readonly string[] _lower;
    private readonly string[] _display;
    private readonly bool[] _installed;
    private readonly int[] _lcp;
    private readonly RangeBest _best;
    private readonly int[][] _blockEnd;

    /// <param name="lower">Distinct lower-cased names in ordinal order.</param>
    /// <param name="display">The name to return for each entry.</param>
    /// <param name="installed">Whether some package of that name is installed.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NameSuggester(string[] lower, string[] display, bool[] installed)
    {
        _lower = lower;
        _display = display;
        _installed = installed;
        _best = new RangeBest(lower, installed);
        _lcp = new int[lower.Length];
        for (var i = 1; i < lower.Length; i++)
        {
            _lcp[i] = lower[i].AsSpan().CommonPrefixLength(lower[i - 1]);
        }

        // _blockEnd[d - 1][i]: first index after i whose name does not share i's first d characters.
        _blockEnd = new int[SkipDepths][];
        for (var d = 1; d <= SkipDepths; d++)
        {
            var end = new int[lower.Length];
            for (var j = lower.Length - 1; j >= 0; j--)
            {
                end[j] = j + 1 == lower.Length || _lcp[j + 1] < d ? j + 1 : end[j + 1];
            }

            _blockEnd[d - 1] = end;
        }
    }

    /// <summary>The largest distance accepted for a query of <paramref name="length"/> characters.</summary>
    public static int MaxDistance(int length) => length switch
    {
        <= 2 => 0,
        <= 6 => 1,
        <= 10 => 2,
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

        // Fewest typos first: a wider bound only runs when the narrower one did not fill the list,
        // which keeps the common cases (a prefix, one typo) as cheap as their narrow walk.
        TopCandidates top = null!;
        for (var bound = 0; bound <= MaxDistance(m); bound++)
        {
            top = Walk(word, bound, limit);
            if (top.IsFull)
            {
                break;
            }
        }

        return top.Names(_display);
    }

    private TopCandidates Walk(ReadOnlySpan<char> word, int k, int limit)
    {
        var m = word.Length;
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
        var queue = new PriorityQueue<(int From, int To), long>();
        var valid = 0;
        var i = 0;
        while (i < _lower.Length)
        {
            var name = _lower[i];
            // Rows are valid for the prefix this name shares with the last one visited. Skipped
            // names all shared at least `valid` characters with it, so the adjacent LCP suffices.
            valid = Math.Min(valid, _lcp[i]);
            var rows = Math.Min(name.Length, maxDepth);
            var pruned = false;
            for (var r = valid + 1; r <= rows; r++)
            {
                var rowMin = FillRow(d, width, r, name, word, k);
                bestPrefix[r] = Math.Min(bestPrefix[r - 1], Cell(d, width, r, m, k));
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
                // whole-name distance beyond the bound: offer the block's best without more rows.
                var end = SkipPrefix(i, valid);
                if (bestPrefix[valid - 1] <= k && top.CouldAccept(new Candidate(bestPrefix[valid - 1], k + 1, false, valid, i)))
                {
                    _best.Offer(i, end - 1, bestPrefix[valid - 1], k + 1, top, queue);
                }

                i = end;
                continue;
            }

            var prefixDistance = bestPrefix[rows];
            if (rows == maxDepth)
            {
                // Characters past maxDepth cannot change the prefix distance, and longer names are
                // beyond the bound as whole names: the block sharing these rows is decided.
                var end = SkipPrefix(i, maxDepth);
                if (prefixDistance <= k)
                {
                    var from = i;
                    if (name.Length == maxDepth)
                    {
                        top.Offer(new Candidate(prefixDistance, Cell(d, width, maxDepth, m, k), !_installed[i], name.Length, i));
                        from++;
                    }

                    if (from < end)
                    {
                        _best.Offer(from, end - 1, prefixDistance, k + 1, top, queue);
                    }
                }

                i = end;
                continue;
            }

            if (prefixDistance <= k)
            {
                top.Offer(new Candidate(prefixDistance, Cell(d, width, name.Length, m, k), !_installed[i], name.Length, i));
            }

            i++;
        }

        return top;
    }

    /// <summary>
    /// Computes row <paramref name="r"/> inside the diagonal band |r - j| &lt;= k only (Ukkonen's
    /// cut-off: any alignment leaving the band costs more than k). The cells just outside the band
    /// are set to k + 1 so the next row reads a correct "too far" value rather than a stale one.
    /// </summary>
    private static int FillRow(Span<int> d, int width, int r, string name, ReadOnlySpan<char> word, int k)
    {
        var m = width - 1;
        var row = d.Slice(r * width, width);
        var prev = d.Slice((r - 1) * width, width);
        var c = name[r - 1];
        var lo = Math.Max(1, r - k);
        var hi = Math.Min(m, r + k);
        row[0] = r;
        if (lo > 1)
        {
            row[lo - 1] = k + 1;
        }

        if (hi < m)
        {
            row[hi + 1] = k + 1;
        }

        var rowMin = r;
        for (var j = lo; j <= hi; j++)
        {
            var cost = c == word[j - 1] ? 0 : 1;
            var v = Math.Min(Math.Min(prev[j] + 1, row[j - 1] + 1), prev[j - 1] + cost);
            if (r > 1 && j > 1 && c == word[j - 2] && name[r - 2] == word[j - 1])
            {
                v = Math.Min(v, d[((r - 2) * width) + j - 2] + 1);
            }

            v = Math.Min(v, k + 1);
            row[j] = v;
            rowMin = Math.Min(rowMin, v);
        }

        return rowMin;
    }

    /// <summary>Distance at (r, j), capped at k + 1; cells outside the band are beyond the bound.</summary>
    private static int Cell(Span<int> d, int width, int r, int j, int k) =>
        Math.Abs(r - j) <= k ? Math.Min(d[(r * width) + j], k + 1) : k + 1;

    /// <summary>First index after <paramref name="i"/> whose name does not share the first <paramref name="length"/> characters of name <paramref name="i"/>.</summary>
    private int SkipPrefix(int i, int length)
    {
        if (length <= SkipDepths)
        {
            return _blockEnd[length - 1][i];
        }

        // Galloping then binary search over the LCP array: blocks are mostly small, and a linear
        // scan would make every query touch all names.
        var step = 1;
        var lo = i;
        var hi = i + 1;
        while (hi < _lcp.Length && _lcp[hi] >= length)
        {
            lo = hi;
            step *= 2;
            hi = Math.Min(_lcp.Length, i + step);
            if (hi < _lcp.Length && SharesPrefix(i, hi, length))
            {
                lo = hi;
                continue;
            }

            break;
        }

        // Invariant: names i..lo share the prefix; hi does not (or is the end).
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (SharesPrefix(i, mid, length))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }

    private bool SharesPrefix(int i, int j, int length) =>
        _lower[j].Length >= length && _lower[j].AsSpan(0, length).SequenceEqual(_lower[i].AsSpan(0, length));
}
