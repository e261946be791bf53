using System.Globalization;
using System.Text;

namespace Omg.Protocol.MessagePack;

/// <summary>
/// An immutable MessagePack value tree for free-form data (module arguments, module <c>data</c>,
/// <c>ext</c>). Integers compare by numeric value whatever their encoding; floats compare bit for bit
/// (so NaN equals itself) and float32 is kept apart from float64; maps keep their order.
/// </summary>
public sealed class MessagePackValue : IEquatable<MessagePackValue>
{
    private static readonly MessagePackValue[] NoItems = [];
    private static readonly KeyValuePair<MessagePackValue, MessagePackValue>[] NoPairs = [];

    private readonly ulong _bits;       // integer magnitude/two's complement, float bits, timestamp seconds, bool
    private readonly uint _extra;       // timestamp nanoseconds, extension type
    private readonly object? _ref;      // string, byte[], MessagePackValue[], KeyValuePair[]

    private MessagePackValue(MessagePackValueKind kind, ulong bits = 0, uint extra = 0, object? reference = null)
    {
        Kind = kind;
        _bits = bits;
        _extra = extra;
        _ref = reference;
    }

    /// <summary>nil.</summary>
    public static MessagePackValue Nil { get; } = new(MessagePackValueKind.Nil);

    /// <summary>true.</summary>
    public static MessagePackValue True { get; } = new(MessagePackValueKind.Boolean, 1);

    /// <summary>false.</summary>
    public static MessagePackValue False { get; } = new(MessagePackValueKind.Boolean, 0);

    /// <summary>What the value holds.</summary>
    public MessagePackValueKind Kind { get; }

    /// <summary>For integers: true when the value is below zero (read it with <see cref="AsInt64"/>).</summary>
    public bool IsNegative => Kind == MessagePackValueKind.Integer && _extra == 1;

    /// <summary>The value of a map entry with a string key, or null when there is none (or this is no map).</summary>
    public MessagePackValue? this[string key]
    {
        get
        {
            if (_ref is KeyValuePair<MessagePackValue, MessagePackValue>[] pairs)
            {
                foreach (KeyValuePair<MessagePackValue, MessagePackValue> pair in pairs)
                {
                    if (pair.Key.Kind == MessagePackValueKind.String && (string)pair.Key._ref! == key)
                    {
                        return pair.Value;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>A boolean.</summary>
    public static MessagePackValue From(bool value) => value ? True : False;

    /// <summary>A signed integer.</summary>
    public static MessagePackValue From(long value) =>
        new(MessagePackValueKind.Integer, unchecked((ulong)value), value < 0 ? 1u : 0u);

    /// <summary>An unsigned integer.</summary>
    public static MessagePackValue From(ulong value) => new(MessagePackValueKind.Integer, value);

    /// <summary>A float64.</summary>
    public static MessagePackValue From(double value) =>
        new(MessagePackValueKind.Float64, unchecked((ulong)BitConverter.DoubleToInt64Bits(value)));

    /// <summary>A float32.</summary>
    public static MessagePackValue From(float value) =>
        new(MessagePackValueKind.Float32, unchecked((uint)BitConverter.SingleToInt32Bits(value)));

    /// <summary>A string, or nil for null.</summary>
    public static MessagePackValue From(string? value) =>
        value is null ? Nil : new(MessagePackValueKind.String, reference: value);

    /// <summary>A timestamp.</summary>
    public static MessagePackValue From(MessagePackTimestamp value) =>
        new(MessagePackValueKind.Timestamp, unchecked((ulong)value.Seconds), value.Nanoseconds);

    /// <summary>A byte array (copied).</summary>
    public static MessagePackValue Binary(ReadOnlySpan<byte> value) =>
        new(MessagePackValueKind.Binary, reference: value.ToArray());

    /// <summary>An extension value other than a timestamp (copied).</summary>
    public static MessagePackValue Extension(sbyte type, ReadOnlySpan<byte> data) =>
        new(MessagePackValueKind.Extension, extra: unchecked((byte)type), reference: data.ToArray());

    /// <summary>An array.</summary>
    public static MessagePackValue Array(params MessagePackValue[] items) =>
        new(MessagePackValueKind.Array, reference: items.Length == 0 ? NoItems : (MessagePackValue[])items.Clone());

    /// <summary>An array.</summary>
    public static MessagePackValue Array(IEnumerable<MessagePackValue> items) =>
        new(MessagePackValueKind.Array, reference: items.ToArray());

    /// <summary>A map, keeping the given order.</summary>
    /// <exception cref="ArgumentException">Two keys are equal.</exception>
    public static MessagePackValue Map(IEnumerable<KeyValuePair<MessagePackValue, MessagePackValue>> pairs)
    {
        KeyValuePair<MessagePackValue, MessagePackValue>[] array = pairs.ToArray();
        if (FindDuplicateKey(array) is { } duplicate)
        {
            throw new ArgumentException($"Duplicate map key {duplicate}.", nameof(pairs));
        }

        return new(MessagePackValueKind.Map, reference: array.Length == 0 ? NoPairs : array);
    }

    /// <summary>A map with string keys, keeping the given order.</summary>
    public static MessagePackValue Map(params (string Key, MessagePackValue Value)[] pairs) =>
        Map(pairs.Select(p => KeyValuePair.Create(From(p.Key), p.Value)));

    /// <summary>The boolean.</summary>
    public bool AsBoolean() => Expect(MessagePackValueKind.Boolean)._bits != 0;

    /// <summary>The integer as Int64.</summary>
    /// <exception cref="InvalidOperationException">Not an integer, or above Int64.MaxValue.</exception>
    public long AsInt64()
    {
        Expect(MessagePackValueKind.Integer);
        if (_extra == 0 && _bits > long.MaxValue)
        {
            throw new InvalidOperationException($"The integer {_bits} does not fit in Int64.");
        }

        return unchecked((long)_bits);
    }

    /// <summary>The integer as UInt64.</summary>
    /// <exception cref="InvalidOperationException">Not an integer, or negative.</exception>
    public ulong AsUInt64()
    {
        Expect(MessagePackValueKind.Integer);
        if (_extra == 1)
        {
            throw new InvalidOperationException($"The integer {unchecked((long)_bits)} is negative.");
        }

        return _bits;
    }

    /// <summary>The number as a double (integers and both float widths).</summary>
    public double AsDouble() => Kind switch
    {
        MessagePackValueKind.Float64 => BitConverter.Int64BitsToDouble(unchecked((long)_bits)),
        MessagePackValueKind.Float32 => BitConverter.Int32BitsToSingle(unchecked((int)(uint)_bits)),
        MessagePackValueKind.Integer => _extra == 1 ? unchecked((long)_bits) : _bits,
        _ => throw WrongKind("a number"),
    };

    /// <summary>The string.</summary>
    public string AsString() => (string)Expect(MessagePackValueKind.String)._ref!;

    /// <summary>The bytes of a binary value.</summary>
    public ReadOnlyMemory<byte> AsBinary() => (byte[])Expect(MessagePackValueKind.Binary)._ref!;

    /// <summary>The items of an array.</summary>
    public IReadOnlyList<MessagePackValue> AsArray() => (MessagePackValue[])Expect(MessagePackValueKind.Array)._ref!;

    /// <summary>The pairs of a map, in order.</summary>
    public IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> AsMap() =>
        (KeyValuePair<MessagePackValue, MessagePackValue>[])Expect(MessagePackValueKind.Map)._ref!;

    /// <summary>The timestamp.</summary>
    public MessagePackTimestamp AsTimestamp()
    {
        Expect(MessagePackValueKind.Timestamp);
        return new MessagePackTimestamp(unchecked((long)_bits), _extra);
    }

    /// <summary>The type and data of an extension value.</summary>
    public (sbyte Type, ReadOnlyMemory<byte> Data) AsExtension()
    {
        Expect(MessagePackValueKind.Extension);
        return (unchecked((sbyte)(byte)_extra), (byte[])_ref!);
    }

    /// <summary>Reads one value (with everything nested in it) from <paramref name="reader"/>.</summary>
    /// <exception cref="MessagePackException">Malformed input, nesting too deep, or a map with duplicate keys.</exception>
    internal static MessagePackValue Read(ref MessagePackReader reader)
    {
        switch (reader.NextType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return Nil;
            case MessagePackType.Boolean:
                return From(reader.ReadBoolean());
            case MessagePackType.Integer:
                // Only uint64 can exceed Int64, so its format byte decides the reading.
                return reader.PeekFormatByte() == MessagePackCode.UInt64
                    ? From(reader.ReadUInt64())
                    : From(reader.ReadInt64());
            case MessagePackType.Float:
                return reader.PeekFormatByte() == MessagePackCode.Float32 ? From(reader.ReadSingle()) : From(reader.ReadDouble());
            case MessagePackType.String:
                return From(reader.ReadString());
            case MessagePackType.Binary:
                return Binary(reader.ReadBinary());
            case MessagePackType.Extension:
                int extStart = reader.Position;
                ReadOnlySpan<byte> data = reader.ReadExtension(out sbyte type);
                return type == MessagePackTimestamp.ExtensionType
                    ? From(MessagePackTimestamp.Decode(data, extStart))
                    : Extension(type, data);
            case MessagePackType.Array:
                int count = reader.ReadArrayHeader();
                reader.EnterNested();
                var items = count == 0 ? NoItems : new MessagePackValue[count];
                for (int i = 0; i < count; i++)
                {
                    items[i] = Read(ref reader);
                }

                reader.LeaveNested();
                return new MessagePackValue(MessagePackValueKind.Array, reference: items);
            case MessagePackType.Map:
                int mapStart = reader.Position;
                int pairs = reader.ReadMapHeader();
                reader.EnterNested();
                var entries = pairs == 0 ? NoPairs : new KeyValuePair<MessagePackValue, MessagePackValue>[pairs];
                for (int i = 0; i < pairs; i++)
                {
                    MessagePackValue key = Read(ref reader);
                    entries[i] = KeyValuePair.Create(key, Read(ref reader));
                }

                reader.LeaveNested();
                if (FindDuplicateKey(entries) is { } duplicate)
                {
                    throw new MessagePackException($"map has the key {duplicate} more than once", mapStart);
                }

                return new MessagePackValue(MessagePackValueKind.Map, reference: entries);
            default:
                throw reader.Error("byte 0xc1 is reserved and never starts a value");
        }
    }

    /// <summary>Decodes a buffer that holds exactly one value, under <see cref="MessagePackLimits.Untrusted"/>.</summary>
    /// <exception cref="MessagePackException">Malformed input, trailing bytes, nesting deeper than <paramref name="maxDepth"/>, or duplicate map keys.</exception>
    public static unsafe MessagePackValue Decode(ReadOnlySpan<byte> encoded, int maxDepth = MessagePackLimits.DefaultMaxDepth)
    {
        fixed (byte* pointer = encoded)
        {
            var reader = new MessagePackReader(pointer, encoded.Length, MessagePackLimits.WithMaxDepth(maxDepth));
            try
            {
                MessagePackValue value = Read(ref reader);
                reader.EnsureEnd();
                return value;
            }
            catch (Exception ex) when (MessagePackReader.IsLibraryFailure(ex))
            {
                throw reader.Translate(ex);
            }
            finally
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>Writes the value in its smallest encoding.</summary>
    internal void Write(ref MessagePackWriter writer)
    {
        switch (Kind)
        {
            case MessagePackValueKind.Nil: writer.WriteNil(); break;
            case MessagePackValueKind.Boolean: writer.WriteBoolean(_bits != 0); break;
            case MessagePackValueKind.Integer:
                if (_extra == 1)
                {
                    writer.WriteInt64(unchecked((long)_bits));
                }
                else
                {
                    writer.WriteUInt64(_bits);
                }

                break;
            case MessagePackValueKind.Float32: writer.WriteSingle(BitConverter.Int32BitsToSingle(unchecked((int)(uint)_bits))); break;
            case MessagePackValueKind.Float64: writer.WriteDouble(BitConverter.Int64BitsToDouble(unchecked((long)_bits))); break;
            case MessagePackValueKind.String: writer.WriteString((string)_ref!); break;
            case MessagePackValueKind.Binary: writer.WriteBinary((byte[])_ref!); break;
            case MessagePackValueKind.Extension: writer.WriteExtension(unchecked((sbyte)(byte)_extra), (byte[])_ref!); break;
            case MessagePackValueKind.Timestamp: writer.WriteTimestamp(AsTimestamp()); break;
            case MessagePackValueKind.Array:
                var items = (MessagePackValue[])_ref!;
                writer.WriteArrayHeader(items.Length);
                foreach (MessagePackValue item in items)
                {
                    item.Write(ref writer);
                }

                break;
            case MessagePackValueKind.Map:
                var pairs = (KeyValuePair<MessagePackValue, MessagePackValue>[])_ref!;
                writer.WriteMapHeader(pairs.Length);
                foreach (KeyValuePair<MessagePackValue, MessagePackValue> pair in pairs)
                {
                    pair.Key.Write(ref writer);
                    pair.Value.Write(ref writer);
                }

                break;
        }
    }

    /// <summary>Writes the value into <paramref name="output"/>.</summary>
    public void WriteTo(System.Buffers.IBufferWriter<byte> output)
    {
        var writer = new MessagePackWriter(output);
        Write(ref writer);
        writer.Flush();
    }

    /// <summary>Encodes the value into a new array.</summary>
    public byte[] Encode()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public bool Equals(MessagePackValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind || other._bits != _bits || other._extra != _extra)
        {
            return false;
        }

        return Kind switch
        {
            MessagePackValueKind.String => (string)_ref! == (string)other._ref!,
            MessagePackValueKind.Binary or MessagePackValueKind.Extension =>
                ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!),
            MessagePackValueKind.Array => ((MessagePackValue[])_ref!).AsSpan().SequenceEqual((MessagePackValue[])other._ref!),
            MessagePackValueKind.Map => PairsEqual(
                (KeyValuePair<MessagePackValue, MessagePackValue>[])_ref!,
                (KeyValuePair<MessagePackValue, MessagePackValue>[])other._ref!),
            _ => true,
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MessagePackValue);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(_bits);
        hash.Add(_extra);
        switch (_ref)
        {
            case string s: hash.Add(s, StringComparer.Ordinal); break;
            case byte[] b: hash.AddBytes(b); break;
            case MessagePackValue[] items:
                foreach (MessagePackValue item in items)
                {
                    hash.Add(item);
                }

                break;
            case KeyValuePair<MessagePackValue, MessagePackValue>[] pairs:
                foreach (KeyValuePair<MessagePackValue, MessagePackValue> pair in pairs)
                {
                    hash.Add(pair.Key);
                    hash.Add(pair.Value);
                }

                break;
        }

        return hash.ToHashCode();
    }

    /// <summary>A compact, JSON-like rendering for logs and error messages.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb);
        return sb.ToString();
    }

    private void Append(StringBuilder sb)
    {
        switch (Kind)
        {
            case MessagePackValueKind.Nil: sb.Append("nil"); break;
            case MessagePackValueKind.Boolean: sb.Append(_bits != 0 ? "true" : "false"); break;
            case MessagePackValueKind.Integer:
                sb.Append(_extra == 1 ? unchecked((long)_bits).ToString(CultureInfo.InvariantCulture) : _bits.ToString(CultureInfo.InvariantCulture));
                break;
            case MessagePackValueKind.Float32:
            case MessagePackValueKind.Float64: sb.Append(AsDouble().ToString("R", CultureInfo.InvariantCulture)); break;
            case MessagePackValueKind.String: sb.Append('"').Append((string)_ref!).Append('"'); break;
            case MessagePackValueKind.Binary: sb.Append("bin(").Append(((byte[])_ref!).Length).Append(')'); break;
            case MessagePackValueKind.Extension: sb.Append("ext(").Append(unchecked((sbyte)(byte)_extra)).Append(',').Append(((byte[])_ref!).Length).Append(')'); break;
            case MessagePackValueKind.Timestamp: sb.Append(AsTimestamp().ToString()); break;
            case MessagePackValueKind.Array:
                sb.Append('[');
                var items = (MessagePackValue[])_ref!;
                for (int i = 0; i < items.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    items[i].Append(sb);
                }

                sb.Append(']');
                break;
            case MessagePackValueKind.Map:
                sb.Append('{');
                var pairs = (KeyValuePair<MessagePackValue, MessagePackValue>[])_ref!;
                for (int i = 0; i < pairs.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    pairs[i].Key.Append(sb);
                    sb.Append(':');
                    pairs[i].Value.Append(sb);
                }

                sb.Append('}');
                break;
        }
    }

    private static bool PairsEqual(KeyValuePair<MessagePackValue, MessagePackValue>[] a, KeyValuePair<MessagePackValue, MessagePackValue>[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (!a[i].Key.Equals(b[i].Key) || !a[i].Value.Equals(b[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private static MessagePackValue? FindDuplicateKey(KeyValuePair<MessagePackValue, MessagePackValue>[] pairs)
    {
        if (pairs.Length < 2)
        {
            return null;
        }

        if (pairs.Length <= 8)
        {
            for (int i = 1; i < pairs.Length; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    if (pairs[i].Key.Equals(pairs[j].Key))
                    {
                        return pairs[i].Key;
                    }
                }
            }

            return null;
        }

        // Keys come off the network, so their hashes must not be predictable: GetHashCode combines with
        // System.HashCode and ordinal string hashing, both seeded randomly per process. This is the hash-collision
        // resistance MessagePackSecurity.UntrustedData asks for, which its own comparers offer only for the
        // library's built-in key types.
        var seen = new HashSet<MessagePackValue>(pairs.Length);
        foreach (KeyValuePair<MessagePackValue, MessagePackValue> pair in pairs)
        {
            if (!seen.Add(pair.Key))
            {
                return pair.Key;
            }
        }

        return null;
    }

    private MessagePackValue Expect(MessagePackValueKind kind) => Kind == kind ? this : throw WrongKind(kind.ToString());

    private InvalidOperationException WrongKind(string expected) =>
        new($"The value is {Kind}, not {expected}.");
}
