using System.Runtime.CompilerServices;

namespace Omg.Packages.Index;

/// <summary>
/// Interns tokens by span: open addressing with linear probing over (hash, id) pairs, so a lookup
/// touches one small array and compares strings only on a hash match. The general dictionary's
/// span lookup was the largest single cost of building the index (millions of lookups).
/// </summary>
internal sealed class TokenTable
{
    private readonly List<string> _tokens;
    private long[] _slots;
    private int _mask;

    public TokenTable(int expected)
    {
        var capacity = 1024;
        while (capacity < expected * 2)
        {
            capacity *= 2;
        }

        _slots = new long[capacity];
        _mask = capacity - 1;
        _tokens = new List<string>(expected);
    }

    /// <summary>The interned tokens; a token's id is its index.</summary>
    public List<string> Tokens => _tokens;

    /// <summary>The id of <paramref name="token"/>, added (as a new string) when new.</summary>
    public int Intern(ReadOnlySpan<char> token) => Intern(token, null);

    /// <summary>The id of <paramref name="token"/>, added when new; the instance is kept rather than copied.</summary>
    public int Intern(string token) => Intern(token, token);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Intern(ReadOnlySpan<char> token, string? instance)
    {
        var hash = Hash(token);
        var slot = hash & _mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                var id = _tokens.Count;
                _tokens.Add(instance ?? token.ToString());
                _slots[slot] = ((long)hash << 32) | (uint)(id + 1);
                if (_tokens.Count * 2 > _slots.Length)
                {
                    Grow();
                }

                return id;
            }

            if ((int)(entry >> 32) == hash)
            {
                var id = (int)(uint)entry - 1;
                if (token.SequenceEqual(_tokens[id]))
                {
                    return id;
                }
            }

            slot = (slot + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Grow()
    {
        var slots = new long[_slots.Length * 2];
        var mask = slots.Length - 1;
        foreach (var entry in _slots)
        {
            if (entry != 0)
            {
                var slot = (int)(entry >> 32) & mask;
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = entry;
            }
        }

        _slots = slots;
        _mask = mask;
    }

    /// <summary>FNV-1a over the characters, folded to 31 bits (non-negative, so it masks directly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Hash(ReadOnlySpan<char> token)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in token)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        return (int)((h ^ (h >> 31)) & 0x7FFFFFFF);
    }
}
