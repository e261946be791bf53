using System.Runtime.CompilerServices;

namespace Omg.Packages.Index;

/// <summary>
/// Best names of any contiguous range of the sorted name array by (installed first, shorter, name),
/// from a segment tree of range minima: the few best of a block of thousands of names sharing a
/// prefix cost O(limit log n) instead of a visit each.
/// </summary>
internal sealed class RangeBest
{
    private const int IndexBits = 24;
    private readonly long[] _keys;
    private readonly int[] _tree;
    private readonly int _n;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RangeBest(string[] names, bool[] installed)
    {
        _n = names.Length;
        _keys = new long[_n];
        _tree = new int[2 * Math.Max(1, _n)];
        for (var i = 0; i < _n; i++)
        {
            _keys[i] = ((installed[i] ? 0L : 1L) << 44) | ((long)Math.Min(names[i].Length, 0xFFFFF) << IndexBits) | (uint)i;
            _tree[_n + i] = i;
        }

        for (var p = _n - 1; p > 0; p--)
        {
            _tree[p] = Better(_tree[2 * p], _tree[(2 * p) + 1]);
        }
    }

    /// <summary>Offers the best names of [<paramref name="from"/>, <paramref name="to"/>] until the collector refuses.</summary>
    public void Offer(int from, int to, int prefixDistance, int fullDistance, TopCandidates top, PriorityQueue<(int From, int To), long> queue)
    {
        // Most blocks cannot beat what the collector holds: decide that without touching the queue.
        var first = _keys[Best(from, to)];
        if (!top.CouldAccept(ToCandidate(first, prefixDistance, fullDistance)))
        {
            return;
        }

        queue.Clear();
        queue.Enqueue((from, to), first);
        while (queue.TryDequeue(out var range, out var key))
        {
            var candidate = ToCandidate(key, prefixDistance, fullDistance);
            var index = candidate.Index;
            if (!top.CouldAccept(candidate))
            {
                return;
            }

            top.Offer(candidate);
            if (range.From < index)
            {
                queue.Enqueue((range.From, index - 1), _keys[Best(range.From, index - 1)]);
            }

            if (index < range.To)
            {
                queue.Enqueue((index + 1, range.To), _keys[Best(index + 1, range.To)]);
            }
        }
    }

    private static Candidate ToCandidate(long key, int prefixDistance, int fullDistance) =>
        new(prefixDistance, fullDistance, key >> 44 != 0, (int)((key >> IndexBits) & 0xFFFFF), (int)(key & ((1L << IndexBits) - 1)));

    /// <summary>Index of the best key in [from, to] (bottom-up segment tree query).</summary>
    private int Best(int from, int to)
    {
        var best = from;
        for (int l = from + _n, r = to + _n + 1; l < r; l >>= 1, r >>= 1)
        {
            if ((l & 1) == 1)
            {
                best = Better(best, _tree[l++]);
            }

            if ((r & 1) == 1)
            {
                best = Better(best, _tree[--r]);
            }
        }

        return best;
    }

    private int Better(int a, int b) => _keys[a] <= _keys[b] ? a : b;
}
