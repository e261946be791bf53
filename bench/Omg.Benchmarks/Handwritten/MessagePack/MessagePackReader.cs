using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Omg.Benchmarks.Handwritten.MessagePack;

/// <summary>
/// Reads MessagePack values from a contiguous buffer. Every read validates what it consumes: truncation,
/// lengths larger than the bytes that remain (so a length prefix never drives an allocation), integers
/// outside the requested type, invalid UTF-8 and nesting deeper than <see cref="MaxDepth"/> all throw
/// <see cref="MessagePackException"/> naming the byte offset of the offending value.
/// </summary>
public ref struct MessagePackReader
{
    /// <summary>The nesting bound used when none is given.</summary>
    public const int DefaultMaxDepth = 64;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;
    private int _depth;

    /// <summary>Creates a reader over <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The encoded bytes.</param>
    /// <param name="maxDepth">How deeply arrays and maps may nest before the input is rejected.</param>
    public MessagePackReader(ReadOnlySpan<byte> buffer, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        _buffer = buffer;
        _position = 0;
        _depth = 0;
        MaxDepth = maxDepth;
    }

    /// <summary>
    /// Creates a reader over a sequence. A multi-segment sequence is copied once into one array; frames
    /// are bounded in size, and contiguous input keeps every read a plain span access.
    /// </summary>
    public MessagePackReader(ReadOnlySequence<byte> sequence, int maxDepth = DefaultMaxDepth)
        : this(sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray(), maxDepth)
    {
    }

    /// <summary>How deeply arrays and maps may nest.</summary>
    public int MaxDepth { get; }

    /// <summary>Byte offset of the next value.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool End => _position >= _buffer.Length;

    /// <summary>The family of the next value.</summary>
    /// <exception cref="MessagePackException">The input ended.</exception>
    public readonly MessagePackType NextType => MessagePackCode.TypeOf(PeekCode());

    /// <summary>The format byte of the next value, which tells its exact encoding.</summary>
    /// <exception cref="MessagePackException">The input ended.</exception>
    public readonly byte PeekFormatByte() => PeekCode();

    /// <summary>Throws unless every byte has been consumed: a frame holds exactly one value.</summary>
    public readonly void EnsureEnd()
    {
        if (!End)
        {
            throw new MessagePackException($"{Remaining} trailing byte(s) after the value", _position);
        }
    }

    /// <summary>Consumes a nil if one is next.</summary>
    /// <returns>True when a nil was consumed.</returns>
    public bool TryReadNil()
    {
        if (!End && _buffer[_position] == MessagePackCode.Nil)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads a nil.</summary>
    public void ReadNil()
    {
        if (!TryReadNil())
        {
            throw Mismatch("nil");
        }
    }

    /// <summary>Reads a boolean.</summary>
    public bool ReadBoolean()
    {
        byte code = PeekCode();
        bool value = code switch
        {
            MessagePackCode.True => true,
            MessagePackCode.False => false,
            _ => throw Mismatch("boolean"),
        };
        _position++;
        return value;
    }

    /// <summary>Reads any integer format as a signed 64-bit integer.</summary>
    public long ReadInt64()
    {
        int start = _position;
        byte code = PeekCode();
        if (code == MessagePackCode.UInt64)
        {
            ulong u = ReadUInt64();
            if (u > long.MaxValue)
            {
                ThrowRange(u.ToString(System.Globalization.CultureInfo.InvariantCulture), "Int64", start);
            }

            return (long)u;
        }

        return ReadIntegerCore(code, "integer");
    }

    /// <summary>Reads any integer format as an unsigned 64-bit integer.</summary>
    public ulong ReadUInt64()
    {
        int start = _position;
        byte code = PeekCode();
        if (code == MessagePackCode.UInt64)
        {
            ReadOnlySpan<byte> s = Take(9);
            return BinaryPrimitives.ReadUInt64BigEndian(s[1..]);
        }

        long value = ReadIntegerCore(code, "integer");
        if (value < 0)
        {
            ThrowRange(value.ToString(System.Globalization.CultureInfo.InvariantCulture), "UInt64", start);
        }

        return (ulong)value;
    }

    /// <summary>Reads an integer that must fit in a signed 32-bit integer.</summary>
    public int ReadInt32() => (int)ReadRanged(int.MinValue, int.MaxValue, "Int32");

    /// <summary>Reads an integer that must fit in an unsigned 32-bit integer.</summary>
    public uint ReadUInt32() => (uint)ReadRanged(0, uint.MaxValue, "UInt32");

    /// <summary>Reads an integer that must fit in a signed 16-bit integer.</summary>
    public short ReadInt16() => (short)ReadRanged(short.MinValue, short.MaxValue, "Int16");

    /// <summary>Reads an integer that must fit in an unsigned 16-bit integer.</summary>
    public ushort ReadUInt16() => (ushort)ReadRanged(0, ushort.MaxValue, "UInt16");

    /// <summary>Reads an integer that must fit in a signed byte.</summary>
    public sbyte ReadSByte() => (sbyte)ReadRanged(sbyte.MinValue, sbyte.MaxValue, "SByte");

    /// <summary>Reads an integer that must fit in a byte.</summary>
    public byte ReadByte() => (byte)ReadRanged(0, byte.MaxValue, "Byte");

    /// <summary>Reads a float32 or float64; integers are accepted and converted, as other MessagePack readers do.</summary>
    public double ReadDouble()
    {
        byte code = PeekCode();
        switch (code)
        {
            case MessagePackCode.Float64:
                return BinaryPrimitives.ReadDoubleBigEndian(Take(9)[1..]);
            case MessagePackCode.Float32:
                return BinaryPrimitives.ReadSingleBigEndian(Take(5)[1..]);
            case MessagePackCode.UInt64:
                return ReadUInt64();
            default:
                return ReadIntegerCore(code, "float");
        }
    }

    /// <summary>Reads a float32, or a float64 / integer converted to single precision.</summary>
    public float ReadSingle()
    {
        if (PeekCode() == MessagePackCode.Float32)
        {
            return BinaryPrimitives.ReadSingleBigEndian(Take(5)[1..]);
        }

        return (float)ReadDouble();
    }

    /// <summary>Reads a string.</summary>
    /// <exception cref="MessagePackException">Not a string, truncated, or not valid UTF-8.</exception>
    public string ReadString()
    {
        int start = _position;
        ReadOnlySpan<byte> utf8 = ReadStringBytes();

        // Almost every string on the wire is ASCII (names, versions, most descriptions): checked and widened
        // in one pass, which costs well under half of the general decoder's count-then-transcode.
        return utf8.IsEmpty ? string.Empty : AsciiStrings.TryCreate(utf8) ?? DecodeUtf8(utf8, start);
    }

    // Kept out of ReadString so its exception handling does not weigh on the ASCII path.
    private static string DecodeUtf8(ReadOnlySpan<byte> utf8, int start)
    {
        try
        {
            // Strict decoding validates as it transcodes, so the bytes are not validated twice.
            return StrictUtf8.Encoding.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new MessagePackException("string is not valid UTF-8", start);
        }
    }

    /// <summary>
    /// Consumes the next bytes when they are exactly <paramref name="encoded"/>, one complete encoded value
    /// (a known map key or enum-like string); otherwise consumes nothing. Lets a reader recognise the
    /// values it expects with one comparison instead of decoding them.
    /// </summary>
    /// <returns>True when the bytes matched and were consumed.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool TryReadEncoded(ReadOnlySpan<byte> encoded)
    {
        if (_buffer.Slice(_position).StartsWith(encoded))
        {
            _position += encoded.Length;
            return true;
        }

        return false;
    }

    /// <summary>The bytes not read yet, for a reader that parses a known shape over a local span.</summary>
    internal readonly ReadOnlySpan<byte> Unread => _buffer.Slice(_position);

    /// <summary>Consumes <paramref name="count"/> bytes of <see cref="Unread"/> that the caller has parsed itself.</summary>
    internal void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            throw new ArgumentOutOfRangeException(nameof(count), "a reader advances only over bytes it holds");
        }

        _position += count;
    }

    /// <summary>
    /// Moves back to <paramref name="position"/>, an earlier <see cref="Position"/> at the same nesting
    /// level, so a value read on a guess can be read again another way.
    /// </summary>
    internal void Rewind(int position)
    {
        if ((uint)position > (uint)_position)
        {
            throw new ArgumentOutOfRangeException(nameof(position), "a reader only rewinds");
        }

        _position = position;
    }

    /// <summary>Reads a string, or returns null for nil.</summary>
    public string? ReadNullableString() => TryReadNil() ? null : ReadString();

    /// <summary>
    /// Reads a string's raw UTF-8 bytes without decoding them, for comparing map keys against known
    /// names without allocating. The bytes are validated as UTF-8.
    /// </summary>
    public ReadOnlySpan<byte> ReadStringUtf8()
    {
        int start = _position;
        ReadOnlySpan<byte> bytes = ReadStringBytes();
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            ThrowAt("string is not valid UTF-8", start);
        }

        return bytes;
    }

    /// <summary>Reads a string's bytes without validating them.</summary>
    private ReadOnlySpan<byte> ReadStringBytes()
    {
        int start = _position;
        byte code = PeekCode();
        int length;
        int header;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            length = code & 0x1f;
            header = 1;
        }
        else if (code == MessagePackCode.Str8)
        {
            length = Peek(2)[1];
            header = 2;
        }
        else if (code == MessagePackCode.Str16)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(Peek(3)[1..]);
            header = 3;
        }
        else if (code == MessagePackCode.Str32)
        {
            length = CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Peek(5)[1..]), start);
            header = 5;
        }
        else
        {
            throw Mismatch("string");
        }

        return Take(header + length, "string")[header..];
    }

    /// <summary>Reads a byte array (bin format family) as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        int start = _position;
        byte code = PeekCode();
        (int header, uint length) = code switch
        {
            MessagePackCode.Bin8 => (2, Peek(2)[1]),
            MessagePackCode.Bin16 => (3, BinaryPrimitives.ReadUInt16BigEndian(Peek(3)[1..])),
            MessagePackCode.Bin32 => (5, BinaryPrimitives.ReadUInt32BigEndian(Peek(5)[1..])),
            _ => throw Mismatch("binary"),
        };
        return Take(header + CheckedLength(length, start), "binary")[header..];
    }

    /// <summary>Reads an array header. The count is checked against the bytes that remain.</summary>
    /// <returns>How many values follow.</returns>
    public int ReadArrayHeader()
    {
        int start = _position;
        byte code = PeekCode();
        uint count;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
        {
            count = (uint)(code & 0x0f);
            _position++;
        }
        else if (code == MessagePackCode.Array16)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
        }
        else if (code == MessagePackCode.Array32)
        {
            count = BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]);
        }
        else
        {
            throw Mismatch("array");
        }

        // Every element takes at least one byte.
        if (count > (uint)Remaining)
        {
            ThrowCount("array", count, "elements", Remaining, start);
        }

        return (int)count;
    }

    /// <summary>Reads a map header. The count is checked against the bytes that remain.</summary>
    /// <returns>How many key/value pairs follow.</returns>
    public int ReadMapHeader()
    {
        int start = _position;
        byte code = PeekCode();
        uint count;
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
        {
            count = (uint)(code & 0x0f);
            _position++;
        }
        else if (code == MessagePackCode.Map16)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
        }
        else if (code == MessagePackCode.Map32)
        {
            count = BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]);
        }
        else
        {
            throw Mismatch("map");
        }

        // Every pair takes at least two bytes.
        if ((ulong)count * 2 > (ulong)Remaining)
        {
            ThrowCount("map", count, "pairs", Remaining, start);
        }

        return (int)count;
    }

    /// <summary>Reads an extension value.</summary>
    /// <param name="type">The extension type.</param>
    /// <returns>A slice of the input holding the extension's data.</returns>
    public ReadOnlySpan<byte> ReadExtension(out sbyte type)
    {
        int start = _position;
        byte code = PeekCode();
        int header;
        uint length;
        switch (code)
        {
            case MessagePackCode.FixExt1: header = 2; length = 1; break;
            case MessagePackCode.FixExt2: header = 2; length = 2; break;
            case MessagePackCode.FixExt4: header = 2; length = 4; break;
            case MessagePackCode.FixExt8: header = 2; length = 8; break;
            case MessagePackCode.FixExt16: header = 2; length = 16; break;
            case MessagePackCode.Ext8: header = 3; length = Peek(2)[1]; break;
            case MessagePackCode.Ext16: header = 4; length = BinaryPrimitives.ReadUInt16BigEndian(Peek(4)[1..]); break;
            case MessagePackCode.Ext32: header = 6; length = BinaryPrimitives.ReadUInt32BigEndian(Peek(6)[1..]); break;
            default: throw Mismatch("extension");
        }

        ReadOnlySpan<byte> all = Take(header + CheckedLength(length, start), "extension");
        type = unchecked((sbyte)all[header - 1]);
        return all[header..];
    }

    /// <summary>Reads a timestamp (extension type -1) in any of its three forms.</summary>
    public MessagePackTimestamp ReadTimestamp()
    {
        int start = _position;
        ReadOnlySpan<byte> data = ReadExtension(out sbyte type);
        if (type != MessagePackCode.TimestampExtension)
        {
            _position = start;
            throw new MessagePackException($"expected a timestamp extension (-1), found extension type {type}", start);
        }

        return DecodeTimestamp(data, start);
    }

    /// <summary>Decodes the data of a timestamp extension.</summary>
    internal static MessagePackTimestamp DecodeTimestamp(ReadOnlySpan<byte> data, long position)
    {
        switch (data.Length)
        {
            case 4:
                return new MessagePackTimestamp(BinaryPrimitives.ReadUInt32BigEndian(data), 0);
            case 8:
                ulong packed = BinaryPrimitives.ReadUInt64BigEndian(data);
                uint nanos = (uint)(packed >> 34);
                if (nanos >= 1_000_000_000)
                {
                    throw new MessagePackException($"timestamp nanoseconds {nanos} are out of range", position);
                }

                return new MessagePackTimestamp((long)(packed & 0x3_ffff_ffffUL), nanos);
            case 12:
                uint n = BinaryPrimitives.ReadUInt32BigEndian(data);
                if (n >= 1_000_000_000)
                {
                    throw new MessagePackException($"timestamp nanoseconds {n} are out of range", position);
                }

                return new MessagePackTimestamp(BinaryPrimitives.ReadInt64BigEndian(data[4..]), n);
            default:
                throw new MessagePackException($"timestamp data must be 4, 8 or 12 bytes, not {data.Length}", position);
        }
    }

    /// <summary>Skips one value of any type, including everything nested inside it.</summary>
    public void Skip()
    {
        switch (NextType)
        {
            case MessagePackType.Nil:
            case MessagePackType.Boolean:
                _position++;
                break;
            case MessagePackType.Integer:
                if (PeekCode() == MessagePackCode.UInt64)
                {
                    Take(9);
                }
                else
                {
                    ReadInt64();
                }

                break;
            case MessagePackType.Float:
                ReadDouble();
                break;
            case MessagePackType.String:
                ReadStringUtf8();
                break;
            case MessagePackType.Binary:
                ReadBinary();
                break;
            case MessagePackType.Extension:
                ReadExtension(out _);
                break;
            case MessagePackType.Array:
                int items = ReadArrayHeader();
                EnterNested();
                for (int i = 0; i < items; i++)
                {
                    Skip();
                }

                LeaveNested();
                break;
            case MessagePackType.Map:
                int pairs = ReadMapHeader();
                EnterNested();
                for (int i = 0; i < pairs * 2; i++)
                {
                    Skip();
                }

                LeaveNested();
                break;
            default:
                throw new MessagePackException("byte 0xc1 is reserved and never starts a value", _position);
        }
    }

    /// <summary>Records that an array or map is being entered; throws past <see cref="MaxDepth"/>.</summary>
    public void EnterNested()
    {
        if (++_depth > MaxDepth)
        {
            ThrowAt($"nesting deeper than {MaxDepth} levels", _position);
        }
    }

    /// <summary>Records that an array or map has been left.</summary>
    public void LeaveNested() => _depth--;

    /// <summary>Creates an exception about the value at the current position.</summary>
    public readonly MessagePackException Error(string reason) => new(reason, _position);

    private long ReadRanged(long min, long max, string typeName)
    {
        int start = _position;
        long value;
        if (PeekCode() == MessagePackCode.UInt64)
        {
            ulong u = ReadUInt64();
            if (u > (ulong)max)
            {
                ThrowRange(u.ToString(System.Globalization.CultureInfo.InvariantCulture), typeName, start);
            }

            return (long)u;
        }

        value = ReadIntegerCore(PeekCode(), "integer");
        if (value < min || value > max)
        {
            ThrowRange(value.ToString(System.Globalization.CultureInfo.InvariantCulture), typeName, start);
        }

        return value;
    }

    // Every integer format but uint64, whose range needs the caller's decision.
    private long ReadIntegerCore(byte code, string expected)
    {
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            _position++;
            return code;
        }

        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            _position++;
            return unchecked((sbyte)code);
        }

        switch (code)
        {
            case MessagePackCode.UInt8: return Take(2)[1];
            case MessagePackCode.UInt16: return BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
            case MessagePackCode.UInt32: return BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]);
            case MessagePackCode.Int8: return unchecked((sbyte)Take(2)[1]);
            case MessagePackCode.Int16: return BinaryPrimitives.ReadInt16BigEndian(Take(3)[1..]);
            case MessagePackCode.Int32: return BinaryPrimitives.ReadInt32BigEndian(Take(5)[1..]);
            case MessagePackCode.Int64: return BinaryPrimitives.ReadInt64BigEndian(Take(9)[1..]);
            default: throw Mismatch(expected);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private readonly byte PeekCode()
    {
        if ((uint)_position >= (uint)_buffer.Length)
        {
            ThrowAt("unexpected end of input", _position);
        }

        return _buffer[_position];
    }

    // The first `count` bytes of the current value, without consuming them.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private readonly ReadOnlySpan<byte> Peek(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            ThrowAt("unexpected end of input inside a value header", _position);
        }

        return _buffer.Slice(_position, count);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count, string what = "value")
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            ThrowShort(what, count, Remaining, _position);
        }

        ReadOnlySpan<byte> s = _buffer.Slice(_position, count);
        _position += count;
        return s;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private readonly int CheckedLength(uint length, int start)
    {
        if (length > (uint)(_buffer.Length - _position))
        {
            ThrowTooLong(length, Remaining, start);
        }

        return (int)length;
    }

    // Throwing lives in separate methods so the hot readers stay small enough to inline and carry no
    // message-building locals.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowAt(string reason, int position) => throw new MessagePackException(reason, position);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowCount(string container, uint count, string unit, int remaining, int position) =>
        throw new MessagePackException($"{container} declares {count} {unit} but only {remaining} byte(s) remain", position);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowRange(string value, string typeName, int position) =>
        throw new MessagePackException($"integer {value} is out of range for {typeName}", position);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowShort(string what, int count, int remaining, int position) =>
        throw new MessagePackException($"{what} needs {count} byte(s) but only {remaining} remain", position);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowTooLong(uint length, int remaining, int position) =>
        throw new MessagePackException($"declared length {length} is larger than the {remaining} byte(s) that remain", position);

    private readonly MessagePackException Mismatch(string expected)
    {
        byte code = PeekCode();
        return new MessagePackException($"expected {expected}, found {Describe(code)}", _position);
    }

    private static string Describe(byte code) => MessagePackCode.TypeOf(code) switch
    {
        MessagePackType.Unknown => "the reserved byte 0xc1",
        MessagePackType.Nil => "nil",
        var t => $"{t.ToString().ToLowerInvariant()} (0x{code:x2})",
    };
}
