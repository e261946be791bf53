using System.Numerics;
using System.Text;
using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>
/// The field table of one struct as rmp-serde writes it (a map keyed by field names), and the loop every
/// reader shares: string keys, no key twice, unknown keys skipped, missing required keys named.
/// </summary>
internal sealed class StructFields
{
    private readonly string[] _names;
    private readonly byte[][] _utf8;

    // Each name as the fixstr a conforming writer puts on the wire (format byte and bytes), so the usual
    // key is recognised by one comparison against the input and needs no UTF-8 validation: bytes equal to
    // a known name are valid UTF-8 by construction.
    private readonly byte[][] _encoded;
    private readonly int _required;

    /// <summary>Creates the table.</summary>
    /// <param name="typeName">The struct's name, for error messages.</param>
    /// <param name="required">How many of <paramref name="names"/>, from the first, must be present.</param>
    /// <param name="names">The field names; a field's index is its number in <see cref="Next"/>.</param>
    public StructFields(string typeName, int required, params string[] names)
    {
        TypeName = typeName;
        _required = required;
        _names = names;
        _utf8 = names.Select(Encoding.UTF8.GetBytes).ToArray();
        _encoded = _utf8.Select(Encode).ToArray();
    }

    /// <summary>The struct's name.</summary>
    public string TypeName { get; }

    /// <summary>Reads the struct's map header.</summary>
    /// <returns>How many fields follow.</returns>
    public int ReadHeader(ref MessagePackReader reader) => FieldReader.ReadStructHeader(ref reader, TypeName);

    /// <summary>
    /// Reads the next key. A known one is marked seen (a second occurrence is an error) and its index
    /// returned, with the reader at its value; an unknown one has its value skipped and returns -1.
    /// </summary>
    public int Next(ref MessagePackReader reader, ref uint seen)
    {
        int keyAt = reader.Position;

        // Writers (ours, rmp-serde) emit fields in declaration order, so the next unseen field is
        // almost always the one that follows; try its encoded form before decoding the key at all.
        int expected = BitOperations.PopCount(seen);
        if (expected < _encoded.Length && reader.TryReadEncoded(_encoded[expected]))
        {
            FieldReader.MarkSeen(ref seen, expected, _utf8[expected], TypeName, keyAt);
            return expected;
        }

        ReadOnlySpan<byte> key = FieldReader.ReadKey(ref reader, TypeName);

        for (int i = 0; i < _utf8.Length; i++)
        {
            if (key.SequenceEqual(_utf8[i]))
            {
                FieldReader.MarkSeen(ref seen, i, key, TypeName, keyAt);
                return i;
            }
        }

        reader.Skip();
        return -1;
    }

    private static byte[] Encode(byte[] name)
    {
        // Field names are short identifiers; a longer one would need a str8 header here.
        if (name.Length > 31)
        {
            throw new ArgumentException($"field name '{Encoding.UTF8.GetString(name)}' is longer than a fixstr", nameof(name));
        }

        return [(byte)(MessagePackCode.MinFixStr | name.Length), .. name];
    }

    /// <summary>Throws naming the first required field that was not seen.</summary>
    public void RequireAll(uint seen, int start)
    {
        uint required = (1u << _required) - 1;
        if ((seen & required) != required)
        {
            ThrowMissing(seen, start);
        }
    }

    private void ThrowMissing(uint seen, int start)
    {
        for (int i = 0; i < _required; i++)
        {
            FieldReader.Require(seen, i, _names[i], TypeName, start);
        }
    }
}
