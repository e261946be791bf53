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
    public static Vocabulary Build(string[] tokens)
    {
        // Direct-addressed tables filled in two passes (count, then place) with no hashing and no
        // pair list; `last` keeps each token once per gram.
        var start = new int[Grams.Slots + 1];
        var last = new int[Grams.Slots];
        int[] fill = [];
        int[] gramTokens = [];
        Span<int> keys = stackalloc int[256];
        for (var pass = 0; pass < 2; pass++)
        {
            if (pass == 1)
            {
                for (var g = 0; g < Grams.Slots; g++)
                {
                    start[g + 1] += start[g];
                }

                fill = start.AsSpan(0, Grams.Slots).ToArray();
                gramTokens = new int[start[Grams.Slots]];
            }

            Array.Fill(last, -1);
            for (var t = 0; t < tokens.Length; t++)
            {
                var buffer = tokens[t].Length * 2 <= keys.Length ? keys : new int[tokens[t].Length * 2];
                foreach (var key in Grams.Keys(tokens[t], buffer))
                {
                    if (last[key] == t)
                    {
                        continue;
                    }

                    last[key] = t;
                    if (pass == 0)
                    {
                        start[key + 1]++;
                    }
                    else
                    {
                        gramTokens[fill[key]++] = t;
                    }
                }
            }
        }

        return new Vocabulary(tokens, start, gramTokens);
    }
}
