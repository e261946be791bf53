using System.Text;
using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

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
