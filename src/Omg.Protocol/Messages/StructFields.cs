using System.Numerics;
using System.Text;
using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>
/// The field table of one struct as rmp-serde writes it (a map keyed by field names), and the loop every
/// reader shares: string keys, no key twice, unknown keys skipped, missing required keys named.
/// </summary>
internal sealed class StructFields
{
    private readonly string[] _names;
    private readonly byte[][] _utf8;
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
        ReadOnlySpan<byte> key = FieldReader.ReadKeyBytes(ref reader, TypeName);
        int keyAt = reader.ValueStart;

        // Writers (ours, rmp-serde) emit fields in declaration order, so the next unseen field is almost always
        // the one that follows: try it first. Bytes equal to a known name are valid UTF-8 by construction.
        int expected = BitOperations.PopCount(seen);
        if (expected < _utf8.Length && key.SequenceEqual(_utf8[expected]))
        {
            FieldReader.MarkSeen(ref seen, expected, key, TypeName, keyAt);
            return expected;
        }

        for (int i = 0; i < _utf8.Length; i++)
        {
            if (key.SequenceEqual(_utf8[i]))
            {
                FieldReader.MarkSeen(ref seen, i, key, TypeName, keyAt);
                return i;
            }
        }

        if (!System.Text.Unicode.Utf8.IsValid(key))
        {
            throw new MessagePackException("string is not valid UTF-8", keyAt);
        }

        reader.Skip();
        return -1;
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
