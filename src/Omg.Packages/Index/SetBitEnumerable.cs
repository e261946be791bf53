using System.Numerics;

namespace Omg.Packages.Index;

/// <summary>Enumerates the indexes of the set bits of a bitset in ascending order, without allocating.</summary>
internal readonly ref struct SetBitEnumerable(ReadOnlySpan<ulong> bits)
{
    private readonly ReadOnlySpan<ulong> _bits = bits;

    public Enumerator GetEnumerator() => new(_bits);

    internal ref struct Enumerator(ReadOnlySpan<ulong> bits)
    {
        private readonly ReadOnlySpan<ulong> _bits = bits;
        private int _word = -1;
        private ulong _rest;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (_rest == 0)
            {
                if (++_word >= _bits.Length)
                {
                    return false;
                }

                _rest = _bits[_word];
            }

            Current = (_word << 6) + BitOperations.TrailingZeroCount(_rest);
            _rest &= _rest - 1;
            return true;
        }
    }
}
