using System.Runtime.CompilerServices;

namespace Omg.Packages.Index;

/// <summary>For each token of a <see cref="Vocabulary"/>, the documents that hold it, ascending.</summary>
internal sealed class Postings
{
    private readonly int[] _start;
    private readonly int[] _docs;

    internal Postings(int[] start, int[] docs)
    {
        _start = start;
        _docs = docs;
    }

    /// <summary>Number of (token, document) pairs.</summary>
    public int Count => _docs.Length;

    /// <summary>Sets the bit of every document holding any of <paramref name="tokens"/>.</summary>
    public void Or(List<int> tokens, Span<ulong> bits)
    {
        foreach (var token in tokens)
        {
            foreach (var d in _docs.AsSpan(_start[token], _start[token + 1] - _start[token]))
            {
                bits[d >> 6] |= 1UL << d;
            }
        }
    }

    /// <summary>Inverts document-major token lists (<paramref name="pairs"/> split by <paramref name="docStart"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Postings Invert(int tokenCount, ReadOnlySpan<int> pairs, ReadOnlySpan<int> docStart)
    {
        // Counting sort by token keeps each posting list in ascending document order.
        var start = new int[tokenCount + 1];
        foreach (var token in pairs)
        {
            start[token + 1]++;
        }

        for (var t = 0; t < tokenCount; t++)
        {
            start[t + 1] += start[t];
        }

        var fill = start.AsSpan(0, tokenCount).ToArray();
        var docs = new int[pairs.Length];
        for (var d = 0; d + 1 < docStart.Length; d++)
        {
            foreach (var token in pairs[docStart[d]..docStart[d + 1]])
            {
                docs[fill[token]++] = d;
            }
        }

        return new Postings(start, docs);
    }
}
