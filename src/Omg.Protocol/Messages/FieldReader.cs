using System.Text;
using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>
/// The shared steps of reading a struct encoded as a map with named fields: string keys, no key twice,
/// unknown keys skipped, and a missing required key reported by name.
/// </summary>
internal static class FieldReader
{
    /// <summary>Reads a struct's map header.</summary>
    public static int ReadStructHeader(ref MessagePackReader reader, string typeName)
    {
        if (reader.NextType != MessagePackType.Map)
        {
            throw reader.Error($"{typeName} must be a map of named fields, found {reader.NextType.ToString().ToLowerInvariant()}");
        }

        return reader.ReadMapHeader();
    }

    /// <summary>Reads a map key, which must be a string.</summary>
    public static ReadOnlySpan<byte> ReadKey(ref MessagePackReader reader, string typeName)
    {
        if (reader.NextType != MessagePackType.String)
        {
            throw reader.Error($"{typeName} has a map key that is not a string");
        }

        return reader.ReadStringUtf8();
    }

    /// <summary>
    /// Reads a map key, which must be a string, without validating its UTF-8: for a caller that compares it with
    /// known names (valid by construction) and validates only a key that matches none.
    /// </summary>
    public static ReadOnlySpan<byte> ReadKeyBytes(ref MessagePackReader reader, string typeName)
    {
        if (!reader.TryReadStringBytes(out ReadOnlySpan<byte> key))
        {
            throw reader.Error($"{typeName} has a map key that is not a string");
        }

        return key;
    }

    /// <summary>
    /// The text of a key read with <see cref="ReadKeyBytes"/> that matched no known name, once it is checked to be
    /// valid UTF-8 (throwing where the key starts when it is not), as <see cref="ReadKey"/> would have checked it.
    /// </summary>
    public static string ValidKey(ReadOnlySpan<byte> key, int keyAt)
    {
        if (!System.Text.Unicode.Utf8.IsValid(key))
        {
            throw new MessagePackException("string is not valid UTF-8", keyAt);
        }

        return Encoding.UTF8.GetString(key);
    }

    /// <summary>Records that the field numbered <paramref name="bit"/> was seen; throws when it was seen before.</summary>
    public static void MarkSeen(ref uint seen, int bit, ReadOnlySpan<byte> key, string typeName, int position)
    {
        uint mask = 1u << bit;
        if ((seen & mask) != 0)
        {
            ThrowDuplicate(key, typeName, position);
        }

        seen |= mask;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowDuplicate(ReadOnlySpan<byte> key, string typeName, int position) =>
        throw new MessagePackException($"{typeName} has the key '{Encoding.UTF8.GetString(key)}' more than once", position);

    /// <summary>Throws unless the field numbered <paramref name="bit"/> was seen.</summary>
    public static void Require(uint seen, int bit, string key, string typeName, int position)
    {
        if ((seen & (1u << bit)) == 0)
        {
            throw new MessagePackException($"{typeName} is missing the required key '{key}'", position);
        }
    }

    /// <summary>Reads an array of strings.</summary>
    public static string[] ReadStringArray(ref MessagePackReader reader)
    {
        int count = reader.ReadArrayHeader();
        if (count == 0)
        {
            return [];
        }

        var items = new string[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = reader.ReadString();
        }

        return items;
    }

    /// <summary>Writes an array of strings.</summary>
    public static void WriteStringArray(ref MessagePackWriter writer, IReadOnlyList<string> items)
    {
        writer.WriteArrayHeader(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            writer.WriteString(items[i]);
        }
    }

    /// <summary>Reads an optional unsigned integer (nil is None).</summary>
    public static ulong? ReadOptionalUInt64(ref MessagePackReader reader) => reader.TryReadNil() ? null : reader.ReadUInt64();

    /// <summary>Writes an optional unsigned integer (None is nil).</summary>
    public static void WriteOptional(ref MessagePackWriter writer, ulong? value)
    {
        if (value is { } v)
        {
            writer.WriteUInt64(v);
        }
        else
        {
            writer.WriteNil();
        }
    }
}
