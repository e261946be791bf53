using System.Numerics;

namespace Omg.Packages.Index;

/// <summary>
/// Best names of any contiguous range of the sorted name array by (installed first, shorter, name),
/// from a sparse table of range minima: the few best of a block of thousands of names sharing a
/// prefix cost O(limit log limit) instead of a visit each.
/// </summary>
internal sealed class RangeBest
{
    private const int IndexBits = 24;
    private readonly long[] _keys;
    private readonly int[][] _levels;

    public RangeBest(string[] names, bool[] installed)
    {
        _keys = new long[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            _keys[i] = ((installed[i] ? 0L : 1L) << 44) | ((long)Math.Min(names[i].Length, 0xFFFFF) << IndexBits) | (uint)i;
        }

        var levels = new List<int[]> { Enumerable.Range(0, names.Length).ToArray() };
        for (var width = 2; width <= names.Length; width *= 2)
        {
            var below = levels[^1];
            var level = new int[names.Length - width + 1];
            for (var i = 0; i < level.Length; i++)
            {
                level[i] = Better(below[i], below[i + (width / 2)]);
            }

            levels.Add(level);
        }

        _levels = [.. levels];
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

    private int Best(int from, int to)
    {
        var level = BitOperations.Log2((uint)(to - from + 1));
        return Better(_levels[level][from], _levels[level][to - (1 << level) + 1]);
    }

    private int Better(int a, int b) => _keys[a] <= _keys[b] ? a : b;
}
