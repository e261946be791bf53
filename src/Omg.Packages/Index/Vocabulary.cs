using System.Runtime.CompilerServices;

namespace Omg.Packages.Index;

/// <summary>
/// The distinct lower-cased, whitespace-delimited tokens of all indexed text, with bigram and trigram
/// posting lists over them. A query word never contains whitespace, so it occurs in a text exactly
/// when it is a substring of one of the text's tokens: finding the tokens that contain the word here
/// (tens of thousands of short strings) and unioning their document postings gives
/// <c>apt-cache search</c>'s substring semantics without scanning any description per query.
/// </summary>
internal sealed class Vocabulary
{
    private readonly string[] _tokens;
    private readonly int[] _gramStart;
    private readonly int[] _gramTokens;

    internal Vocabulary(string[] tokens, int[] gramStart, int[] gramTokens)
    {
        _tokens = tokens;
        _gramStart = gramStart;
        _gramTokens = gramTokens;
    }

    /// <summary>Number of distinct tokens.</summary>
    public int Count => _tokens.Length;

    /// <summary>Adds the id of every token containing <paramref name="word"/> to <paramref name="into"/>.</summary>
    /// <param name="word">Lower-cased, non-empty, without whitespace.</param>
    /// <param name="into">Receives token ids in ascending order.</param>
    public void Match(ReadOnlySpan<char> word, List<int> into)
    {
        if (word.Length == 1)
        {
            // Single characters are rare queries and nearly every token would be a candidate anyway.
            for (var t = 0; t < _tokens.Length; t++)
            {
                if (_tokens[t].AsSpan().Contains(word[0]))
                {
                    into.Add(t);
                }
            }

            return;
        }

        // The rarest gram of the word gives the fewest candidates; grams share codes for uncommon
        // characters, so every candidate is verified.
        var gramLength = Math.Min(word.Length, 3);
        var best = -1;
        var bestCount = int.MaxValue;
        for (var i = 0; i + gramLength <= word.Length; i++)
        {
            var key = Grams.Key(word.Slice(i, gramLength));
            var count = _gramStart[key + 1] - _gramStart[key];
            if (count < bestCount)
            {
                best = key;
                bestCount = count;
            }
        }

        for (var p = _gramStart[best]; p < _gramStart[best + 1]; p++)
        {
            var t = _gramTokens[p];
            if (_tokens[t].AsSpan().IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                into.Add(t);
            }
        }
    }

    /// <summary>Indexes the grams of <paramref name="tokens"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Vocabulary Build(string[] tokens)
    {
        // A counting sort by gram into direct-addressed tables, no hashing and no pair list. Large
        // vocabularies are split into two token ranges, counted and placed side by side: the first
        // range's tokens of a gram go before the second's, so every gram's list stays ascending.
        var ranges = tokens.Length >= ParallelThreshold && Environment.ProcessorCount > 1
            ? new[] { (0, tokens.Length / 2), (tokens.Length / 2, tokens.Length) }
            : new[] { (0, tokens.Length) };
        var counts = new int[ranges.Length][];
        Parallel.For(0, ranges.Length, r => counts[r] = CountGrams(tokens, ranges[r].Item1, ranges[r].Item2));

        var start = new int[Grams.Slots + 1];
        var fills = new int[ranges.Length][];
        for (var r = 0; r < ranges.Length; r++)
        {
            fills[r] = new int[Grams.Slots];
        }

        for (var g = 0; g < Grams.Slots; g++)
        {
            var at = start[g];
            for (var r = 0; r < ranges.Length; r++)
            {
                fills[r][g] = at;
                at += counts[r][g];
            }

            start[g + 1] = at;
        }

        var gramTokens = new int[start[Grams.Slots]];
        Parallel.For(0, ranges.Length, r => Scan(tokens, ranges[r].Item1, ranges[r].Item2, fills[r], gramTokens));
        return new Vocabulary(tokens, start, gramTokens);
    }

    // Below this many tokens one thread does it all (fixtures, tests).
    private const int ParallelThreshold = 16384;

    /// <summary>How many tokens of the range hold each gram (each token counted once per gram).</summary>
    private static int[] CountGrams(string[] tokens, int from, int to)
    {
        var count = new int[Grams.Slots];
        Scan(tokens, from, to, count, null);
        return count;
    }

    // Counts each gram's tokens (gramTokens null) or writes them into their lists from each gram's fill
    // position on. One loop for both passes, a predictable branch per gram, rather than a callback per
    // gram: a lambda would run as unoptimized tier-0 code for much of a cold daemon's first build.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan(string[] tokens, int from, int to, int[] countOrFill, int[]? gramTokens)
    {
        // `last` keeps each token once per gram.
        var last = new int[Grams.Slots];
        Array.Fill(last, -1);
        Span<int> keys = stackalloc int[256];
        for (var t = from; t < to; t++)
        {
            var buffer = tokens[t].Length * 2 <= keys.Length ? keys : new int[tokens[t].Length * 2];
            foreach (var key in Grams.Keys(tokens[t], buffer))
            {
                if (last[key] == t)
                {
                    continue;
                }

                last[key] = t;
                if (gramTokens is null)
                {
                    countOrFill[key]++;
                }
                else
                {
                    gramTokens[countOrFill[key]++] = t;
                }
            }
        }
    }
}
