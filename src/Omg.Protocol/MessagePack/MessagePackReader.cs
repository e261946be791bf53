using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MessagePack;

namespace Omg.Protocol.MessagePack;

/// <summary>
/// The protocol's reader: MessagePack-CSharp's <see cref="global::MessagePack.MessagePackReader"/> under the rules
/// the protocol adds to it. Strings are strict UTF-8 (the library would substitute U+FFFD) and never nil where a
/// string is expected; integers are range-checked against the requested type; nesting is bounded through
/// <see cref="MessagePackSecurity.DepthStep"/>, which the library's own reader leaves to its callers, and
/// <see cref="Skip"/> honours that bound where the library's recurses without one; every error is a
/// <see cref="MessagePackException"/> naming the byte offset where the offending value starts.
/// </summary>
/// <remarks>
/// The library reports truncated input with <see cref="EndOfStreamException"/> from deep inside a read. Rather
/// than a handler in every (inlined, hot) read, each read notes where its value starts, and the entry points
/// (<see cref="Messages.MessageCodec"/>, <see cref="MessagePackValue.Decode"/>, the formatters) turn such a failure
/// into a <see cref="MessagePackException"/> with <see cref="Translate"/>.
/// <para>
/// Each step of the library's reader goes through a <c>SequenceReader</c>, which costs several times the
/// reading of a one-byte header over a span (measured: DetailedPackageInfo decoded 1.5x slower than the old
/// hand-written codec through the library alone). So the reader keeps its own cursor over contiguous input and
/// reads the formats that make up almost every message itself: nil, booleans, every integer format, fixstr/str8/str16
/// headers and every array and map header. Everything else (floats, binaries, extensions, str32, multi-segment
/// input) goes to the library, which is first created or moved up to the cursor (<see cref="Sync"/>). A message
/// made only of the first kind never creates the library's reader at all.
/// </para>
/// <para>
/// The cursor is an <see cref="int"/> index into the contiguous input, and a fast read records nothing but where
/// its value starts (what it expected is recorded only before a call into the library, the one source of the
/// exceptions <see cref="Translate"/> rebuilds): the hand-written reader this replaced did no more per value, and
/// every store and subtraction per value showed in the side-by-side benchmark.
/// </para>
/// </remarks>
internal unsafe ref struct MessagePackReader
{
    /// <summary>The nesting bound used when none is given.</summary>
    public const int DefaultMaxDepth = MessagePackLimits.DefaultMaxDepth;

    private readonly MessagePackSecurity _security;

    // The input from _base on when it is one contiguous block (always, for the codec's own entry points), so a
    // reader of a known shape can parse it over a plain span; empty otherwise.
    private readonly ReadOnlySpan<byte> _contiguous;
    private readonly long _base;

    // Bytes from _base to the end of the input.
    private readonly int _size;

    // The same bytes as memory, for the library's reader. A reader over a span its caller has pinned (the codec's
    // entry points) has none until a read needs the library: then it leases a memory over the pinned bytes, which
    // Dispose returns. Most messages never need it, and the lease is a thread-static look-up each way.
    private readonly byte* _pinned;
    private ReadOnlyMemory<byte> _memory;
    private PinnedSpan.Lease _lease;
    private global::MessagePack.MessagePackReader _reader;

    // The reader's position: an index into _contiguous (what _reader.Consumed would say, less _base). The library
    // reader lags behind it after the span fast paths and is moved up by Sync before any call into it.
    private int _position;

    // Where the library reader's Consumed counts from (relative to _base), and whether it is still to be created: a
    // reader over a buffer creates the library's only when a read needs it (building one costs about as much as
    // decoding a small message over the fast paths), and then from the cursor on.
    private long _origin;
    private bool _libraryPending;

    // Where the value being read starts (relative to _base) and what it was expected to be: before a call into the
    // library a read notes both and, when the call throws, Translate rebuilds the message from them (what was found
    // there, the integer that did not fit). The fast paths note only the start, for the errors they report themselves.
    private int _start;
    private Expectation _expected;

    /// <summary>Creates a reader over <paramref name="buffer"/> with the untrusted-data limits.</summary>
    /// <param name="buffer">The encoded bytes.</param>
    /// <param name="maxDepth">How deeply arrays and maps may nest before the input is rejected.</param>
    public MessagePackReader(ReadOnlyMemory<byte> buffer, int maxDepth = DefaultMaxDepth)
        : this(buffer, MessagePackLimits.WithMaxDepth(maxDepth))
    {
    }

    /// <summary>Creates a reader over <paramref name="buffer"/> with the given limits.</summary>
    public MessagePackReader(ReadOnlyMemory<byte> buffer, MessagePackSecurity security)
    {
        _security = security;
        _contiguous = buffer.Span;
        _memory = buffer;
        _size = buffer.Length;
        _libraryPending = true;
    }

    /// <summary>
    /// Creates a reader over <paramref name="length"/> bytes at <paramref name="pinned"/>, which the caller keeps
    /// pinned until it has called <see cref="Dispose"/> (in a <c>finally</c>) and copied out what it read.
    /// </summary>
    public MessagePackReader(byte* pinned, int length, MessagePackSecurity security)
    {
        _security = security;
        _contiguous = new ReadOnlySpan<byte>(pinned, length);
        _pinned = pinned;
        _size = length;
        _libraryPending = true;
    }

    /// <summary>
    /// Creates a reader over a sequence. A multi-segment sequence is copied once into one array; frames are
    /// bounded in size, and contiguous input lets the known shapes be read over a span.
    /// </summary>
    public MessagePackReader(ReadOnlySequence<byte> sequence, int maxDepth = DefaultMaxDepth)
        : this(sequence.IsSingleSegment ? sequence.First : sequence.ToArray(), maxDepth)
    {
    }

    /// <summary>Continues where a library reader stands (for the formatters); read <see cref="Inner"/> back afterwards.</summary>
    public MessagePackReader(scoped in global::MessagePack.MessagePackReader reader, MessagePackSecurity security)
    {
        _security = security;
        ReadOnlySequence<byte> rest = reader.Sequence.Slice(reader.Position);
        _memory = rest.IsSingleSegment ? rest.First : default;
        _contiguous = _memory.Span;
        _base = reader.Consumed;
        _size = checked((int)rest.Length);
        _reader = reader;
        _libraryPending = false;
        _origin = -_base;
    }

    /// <summary>The library reader, positioned after what has been read.</summary>
    public global::MessagePack.MessagePackReader Inner
    {
        get
        {
            Sync();
            return _reader;
        }
    }

    /// <summary>How deeply arrays and maps may nest.</summary>
    public readonly int MaxDepth => _security.MaximumObjectGraphDepth;

    // Members that touch _reader are not readonly: the library's struct predates readonly members, so a readonly
    // member would copy the whole reader before each call into it.

    /// <summary>Byte offset of the next value.</summary>
    public readonly int Position => (int)(_base + _position);

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _size - _position;

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool End => _position >= _size;

    /// <summary>The family of the next value.</summary>
    public MessagePackType NextType => MessagePackCode.ToMessagePackType(PeekCode());

    /// <summary>The format byte of the next value, which tells its exact encoding.</summary>
    public byte PeekFormatByte() => PeekCode();

    /// <summary>The bytes not read yet when the input is contiguous (empty otherwise), for readers that parse a known shape over a span.</summary>
    internal readonly ReadOnlySpan<byte> Unread => (uint)_position <= (uint)_contiguous.Length ? _contiguous.Slice(_position) : default;

    /// <summary>Returns the memory leased for the library's reader, if any; the bytes read may be unpinned after this.</summary>
    public void Dispose()
    {
        _lease.Dispose();
        _lease = default;
    }

    /// <summary>Throws unless every byte has been consumed: a frame holds exactly one value.</summary>
    public void EnsureEnd()
    {
        if (!End)
        {
            ThrowAt($"{Remaining} trailing byte(s) after the value", Position);
        }
    }

    /// <summary>Consumes a nil if one is next.</summary>
    /// <returns>True when a nil was consumed.</returns>
    public bool TryReadNil()
    {
        int at = _position;
        if ((uint)at < (uint)_contiguous.Length)
        {
            if (_contiguous[at] != MessagePackCode.Nil)
            {
                return false;
            }

            _position = at + 1;
            return true;
        }

        Sync();
        return !End && _reader.TryReadNil() && Caught();
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
        int at = _position;
        if ((uint)at < (uint)_contiguous.Length && _contiguous[at] is MessagePackCode.True or MessagePackCode.False)
        {
            _position = at + 1;
            return _contiguous[at] == MessagePackCode.True;
        }

        Begin(Expectation.Boolean);
        Sync();
        bool value = _reader.ReadBoolean();
        Caught();
        return value;
    }

    /// <summary>Reads any integer format as a signed 64-bit integer.</summary>
    public long ReadInt64()
    {
        if (TryReadSigned(out long small))
        {
            return small;
        }

        Begin(Expectation.Int64);
        Sync();
        long value = _reader.ReadInt64();
        Caught();
        return value;
    }

    /// <summary>Reads any integer format as an unsigned 64-bit integer.</summary>
    public ulong ReadUInt64()
    {
        if (TryReadUnsigned64(out ulong small))
        {
            return small;
        }

        Begin(Expectation.UInt64);
        Sync();
        ulong value = _reader.ReadUInt64();
        Caught();
        return value;
    }

    /// <summary>Reads an integer that must fit in a signed 32-bit integer.</summary>
    public int ReadInt32()
    {
        if (TryReadUnsigned(out uint small, int.MaxValue))
        {
            return (int)small;
        }

        Begin(Expectation.Int32);
        Sync();
        int value = _reader.ReadInt32();
        Caught();
        return value;
    }

    /// <summary>Reads an integer that must fit in an unsigned 32-bit integer.</summary>
    public uint ReadUInt32()
    {
        if (TryReadUnsigned(out uint small))
        {
            return small;
        }

        Begin(Expectation.UInt32);
        Sync();
        uint value = _reader.ReadUInt32();
        Caught();
        return value;
    }

    /// <summary>Reads an integer that must fit in a signed 16-bit integer.</summary>
    public short ReadInt16()
    {
        if (TryReadUnsigned(out uint small, (uint)short.MaxValue))
        {
            return (short)small;
        }

        Begin(Expectation.Int16);
        Sync();
        short value = _reader.ReadInt16();
        Caught();
        return value;
    }

    /// <summary>Reads an integer that must fit in a byte.</summary>
    public byte ReadByte()
    {
        if (TryReadUnsigned(out uint small, byte.MaxValue))
        {
            return (byte)small;
        }

        Begin(Expectation.Byte);
        Sync();
        byte value = _reader.ReadByte();
        Caught();
        return value;
    }

    /// <summary>Reads a float32 or float64; integers are accepted and converted, as other MessagePack readers do.</summary>
    public double ReadDouble()
    {
        Begin(Expectation.Float);
        Sync();
        double value = _reader.ReadDouble();
        Caught();
        return value;
    }

    /// <summary>Reads a float32, or a float64 / integer converted to single precision.</summary>
    public float ReadSingle()
    {
        Begin(Expectation.Float);
        Sync();
        float value = _reader.ReadSingle();
        Caught();
        return value;
    }

    /// <summary>Reads a string.</summary>
    /// <exception cref="MessagePackException">Not a string (nil included), or not valid UTF-8.</exception>
    public string ReadString()
    {
        ReadOnlySpan<byte> utf8 = ReadStringBytes();

        // Almost every string on the wire is ASCII (names, versions, most descriptions): checked and widened
        // in one pass, which costs well under half of the general decoder's count-then-transcode.
        return utf8.IsEmpty ? string.Empty : AsciiStrings.TryCreate(utf8) ?? DecodeUtf8(utf8, _base + _start);
    }

    /// <summary>Reads a string, or returns null for nil.</summary>
    public string? ReadNullableString() => TryReadNil() ? null : ReadString();

    /// <summary>
    /// Reads a string's raw UTF-8 bytes without decoding them, for comparing map keys against known names
    /// without allocating. The bytes are validated as UTF-8.
    /// </summary>
    public ReadOnlySpan<byte> ReadStringUtf8()
    {
        ReadOnlySpan<byte> bytes = ReadStringBytes();
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            ThrowAt("string is not valid UTF-8", _base + _start);
        }

        return bytes;
    }

    /// <summary>
    /// Reads a string's bytes without validating them, for a caller that compares them with known (valid) names
    /// first and validates only what matches none.
    /// </summary>
    internal ReadOnlySpan<byte> ReadStringBytes()
    {
        if (!TryReadStringBytes(out ReadOnlySpan<byte> utf8))
        {
            throw Mismatch("string");
        }

        return utf8;
    }

    /// <summary>Reads a string's bytes, unvalidated, when the next value is a string (nil is not); else consumes nothing.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool TryReadStringBytes(out ReadOnlySpan<byte> utf8)
    {
        int at = _position;
        _start = at;
        if ((uint)at < (uint)_contiguous.Length)
        {
            ReadOnlySpan<byte> input = _contiguous.Slice(at);
            byte code = input[0];
            int header, length;
            if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
            {
                (header, length) = (1, code & 0x1f);
            }
            else if (code == MessagePackCode.Str8 && input.Length >= 2)
            {
                (header, length) = (2, input[1]);
            }
            else if (code == MessagePackCode.Str16 && input.Length >= 3)
            {
                (header, length) = (3, BinaryPrimitives.ReadUInt16BigEndian(input.Slice(1)));
            }
            else
            {
                return TryReadStringBytesSlowly(PeekCode(), out utf8);
            }

            // A length past the end is the library's to report, as for every other truncation.
            if (header + length <= input.Length)
            {
                utf8 = input.Slice(header, length);
                _position = at + header + length;
                return true;
            }
        }

        return TryReadStringBytesSlowly(PeekCode(), out utf8);
    }

    // A str32, a string that spans two segments of a caller's sequence, or no string at all.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool TryReadStringBytesSlowly(byte code, out ReadOnlySpan<byte> utf8)
    {
        Begin(Expectation.String);
        if (code == MessagePackCode.Str32)
        {
            CheckLength32();
        }
        else if (code is not ((>= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr) or MessagePackCode.Str8 or MessagePackCode.Str16))
        {
            utf8 = default;
            return false;
        }

        Sync();
        if (_reader.TryReadStringSpan(out ReadOnlySpan<byte> span))
        {
            Caught();
            utf8 = span;
            return true;
        }

        utf8 = _reader.ReadStringSequence()!.Value.ToArray();
        Caught();
        return true;
    }

    /// <summary>Where the string just read by <see cref="ReadStringBytes"/> (or any value) started.</summary>
    internal readonly int ValueStart => (int)(_base + _start);

    /// <summary>Reads a byte array (bin format family).</summary>
    /// <returns>The bytes, valid while the input is.</returns>
    public ReadOnlySpan<byte> ReadBinary()
    {
        Begin(Expectation.Binary);
        byte code = PeekCode();
        if (MessagePackCode.ToMessagePackType(code) != MessagePackType.Binary)
        {
            throw Mismatch("binary");
        }

        if (code == MessagePackCode.Bin32)
        {
            CheckLength32();
        }

        Sync();
        ReadOnlySpan<byte> bytes = Contiguous(_reader.ReadBytes()!.Value);
        Caught();
        return bytes;
    }

    /// <summary>Reads an array header. The count is checked against the bytes that remain.</summary>
    /// <returns>How many values follow.</returns>
    public int ReadArrayHeader()
    {
        _start = _position;
        if (!TryReadContainerHeader(MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32, out int count))
        {
            Begin(Expectation.Array);
            Sync();
            if (!_reader.TryReadArrayHeader(out count))
            {
                ThrowAt("unexpected end of input inside an array header", _base + _start);
            }

            Caught();
        }

        // Every element takes at least one byte.
        if ((uint)count > (uint)Remaining)
        {
            ThrowCount("array", (uint)count, "elements", Remaining, _base + _start);
        }

        return count;
    }

    /// <summary>Reads a map header. The count is checked against the bytes that remain.</summary>
    /// <returns>How many key/value pairs follow.</returns>
    public int ReadMapHeader()
    {
        _start = _position;
        if (!TryReadContainerHeader(MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32, out int count))
        {
            Begin(Expectation.Map);
            Sync();
            if (!_reader.TryReadMapHeader(out count))
            {
                ThrowAt("unexpected end of input inside a map header", _base + _start);
            }

            Caught();
        }

        // Every pair takes at least two bytes.
        if ((ulong)(uint)count * 2 > (ulong)Remaining)
        {
            ThrowCount("map", (uint)count, "pairs", Remaining, _base + _start);
        }

        return count;
    }

    /// <summary>Reads an extension value.</summary>
    /// <param name="type">The extension type.</param>
    /// <returns>The extension's data, valid while the input is.</returns>
    public ReadOnlySpan<byte> ReadExtension(out sbyte type)
    {
        Begin(Expectation.Extension);
        Sync();
        ExtensionHeader header = _reader.ReadExtensionFormatHeader();
        type = header.TypeCode;
        ReadOnlySpan<byte> data = Contiguous(_reader.ReadRaw(header.Length));
        Caught();
        return data;
    }

    /// <summary>Reads a timestamp (extension type -1) in any of its three forms.</summary>
    public MessagePackTimestamp ReadTimestamp()
    {
        int start = Position;
        ReadOnlySpan<byte> data = ReadExtension(out sbyte type);
        if (type != MessagePackTimestamp.ExtensionType)
        {
            ThrowAt($"expected a timestamp extension (-1), found extension type {type}", start);
        }

        return MessagePackTimestamp.Decode(data, start);
    }

    /// <summary>Skips one value of any type, including everything nested inside it, within the nesting bound.</summary>
    public void Skip()
    {
        switch (NextType)
        {
            case MessagePackType.String:
                // Strings are validated even when skipped: an unknown field is still part of the message.
                ReadStringUtf8();
                break;
            case MessagePackType.Binary:
                ReadBinary();
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
            case MessagePackType.Unknown:
                ThrowAt("byte 0xc1 is reserved and never starts a value", Position);
                break;
            default:
                // Scalars and extensions: the library's skip does not recurse for these.
                if (!TrySkipFixedScalar())
                {
                    Begin(Expectation.Value);
                    Sync();
                    _reader.Skip();
                    Caught();
                }

                break;
        }
    }

    /// <summary>Records that an array or map is being entered; throws past <see cref="MaxDepth"/>.</summary>
    public void EnterNested()
    {
        // Checked here first so the failure is ours and this stays small enough to inline (a handler would not);
        // the library's step then only counts.
        if (_reader.Depth >= _security.MaximumObjectGraphDepth)
        {
            ThrowTooDeep(MaxDepth, Position);
        }

        _security.DepthStep(ref _reader);
    }

    /// <summary>Records that an array or map has been left.</summary>
    public void LeaveNested() => _reader.Depth--;

    /// <summary>Consumes <paramref name="count"/> bytes of <see cref="Unread"/> that the caller has parsed itself.</summary>
    internal void Advance(int count)
    {
        if ((uint)count > (uint)Unread.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "a reader advances only over bytes it holds");
        }

        _position += count;
    }

    /// <summary>Creates an exception about the value at the current position.</summary>
    public MessagePackException Error(string reason) => new(reason, Position);

    /// <summary>
    /// True for the exceptions MessagePack-CSharp's reader throws on malformed input (truncation, a wrong format
    /// byte, an integer too large for its type), which <see cref="Translate"/> turns into ours.
    /// </summary>
    public static bool IsLibraryFailure(Exception exception) =>
        exception is EndOfStreamException or MessagePackSerializationException or OverflowException;

    /// <summary>The <see cref="MessagePackException"/> for a failure of this reader, placed where its value started.</summary>
    public MessagePackException Translate(Exception exception)
    {
        if (exception is MessagePackException own)
        {
            return own;
        }

        string what = NounOf(_expected);
        int offset = _start;
        long start = _base + offset;
        bool here = (uint)offset < (uint)_contiguous.Length;
        return exception switch
        {
            MessagePackSerializationException when here => new($"expected {what}, found {Describe(_contiguous[offset])}", start),
            OverflowException when here && TypeNameOf(_expected) is { } type => new($"integer {IntegerAt(_contiguous[offset..].ToArray())} is out of range for {type}", start),
            EndOfStreamException => new($"{what} is cut short: the input ends inside it, {Remaining} byte(s) before the end", start),
            _ => new(exception.Message, start),
        };
    }

    // Notes where the value being read starts and what it should be, for Translate.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Begin(Expectation expected)
    {
        _start = _position;
        _expected = expected;
    }

    // A non-negative integer in one of the forms up to 32 bits (fixint, uint8, uint16, uint32) that is at most
    // max; anything else, a value over max included, is the library's to read (and to refuse as out of range).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryReadUnsigned(out uint value, uint max = uint.MaxValue)
    {
        int at = _position;
        if ((uint)at < (uint)_contiguous.Length)
        {
            ReadOnlySpan<byte> input = _contiguous.Slice(at);
            (int size, uint found) = input[0] switch
            {
                <= MessagePackCode.MaxFixInt => (1, input[0]),
                MessagePackCode.UInt8 when input.Length >= 2 => (2, input[1]),
                MessagePackCode.UInt16 when input.Length >= 3 => (3, BinaryPrimitives.ReadUInt16BigEndian(input.Slice(1))),
                MessagePackCode.UInt32 when input.Length >= 5 => (5, BinaryPrimitives.ReadUInt32BigEndian(input.Slice(1))),
                _ => (0, 0u),
            };

            if (size != 0 && found <= max)
            {
                _position = at + size;
                value = found;
                return true;
            }
        }

        value = 0;
        return false;
    }

    // Any non-negative integer format, uint64 included (sizes, counts, ids past 32 bits); a negative one is the
    // library's to refuse.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryReadUnsigned64(out ulong value)
    {
        if (TryReadUnsigned(out uint small))
        {
            value = small;
            return true;
        }

        int at = _position;
        if ((uint)at < (uint)_contiguous.Length && _contiguous[at] == MessagePackCode.UInt64 && _contiguous.Length - at >= 9)
        {
            value = BinaryPrimitives.ReadUInt64BigEndian(_contiguous.Slice(at + 1));
            _position = at + 9;
            return true;
        }

        value = 0;
        return false;
    }

    // Every integer format whose value fits a signed 64-bit integer: the unsigned forms up to 32 bits inline, the
    // rest (negative fixints, int8 to int64, uint64 up to long.MaxValue) out of line.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryReadSigned(out long value)
    {
        if (TryReadUnsigned(out uint small))
        {
            value = small;
            return true;
        }

        return TryReadSignedWide(out value);
    }

    private bool TryReadSignedWide(out long value)
    {
        int at = _position;
        ReadOnlySpan<byte> input = (uint)at < (uint)_contiguous.Length ? _contiguous.Slice(at) : default;
        (int size, long found) = input.IsEmpty ? (0, 0L) : input[0] switch
        {
            >= MessagePackCode.MinNegativeFixInt => (1, (sbyte)input[0]),
            MessagePackCode.Int8 when input.Length >= 2 => (2, (sbyte)input[1]),
            MessagePackCode.Int16 when input.Length >= 3 => (3, BinaryPrimitives.ReadInt16BigEndian(input.Slice(1))),
            MessagePackCode.Int32 when input.Length >= 5 => (5, BinaryPrimitives.ReadInt32BigEndian(input.Slice(1))),
            MessagePackCode.Int64 when input.Length >= 9 => (9, BinaryPrimitives.ReadInt64BigEndian(input.Slice(1))),
            MessagePackCode.UInt64 when input.Length >= 9 && BinaryPrimitives.ReadUInt64BigEndian(input.Slice(1)) <= long.MaxValue =>
                (9, (long)BinaryPrimitives.ReadUInt64BigEndian(input.Slice(1))),
            _ => (0, 0L),
        };

        if (size == 0)
        {
            value = 0;
            return false;
        }

        _position = at + size;
        value = found;
        return true;
    }

    // Skips a scalar whose size its first byte tells (fixints, nil, booleans, 8- to 64-bit integers and floats):
    // the bulk of an unknown field's contents.
    private bool TrySkipFixedScalar()
    {
        int at = _position;
        if ((uint)at >= (uint)_contiguous.Length)
        {
            return false;
        }

        int size = _contiguous[at] switch
        {
            <= MessagePackCode.MaxFixInt or >= MessagePackCode.MinNegativeFixInt or MessagePackCode.Nil or MessagePackCode.True or MessagePackCode.False => 1,
            MessagePackCode.UInt8 or MessagePackCode.Int8 => 2,
            MessagePackCode.UInt16 or MessagePackCode.Int16 => 3,
            MessagePackCode.UInt32 or MessagePackCode.Int32 or MessagePackCode.Float32 => 5,
            MessagePackCode.UInt64 or MessagePackCode.Int64 or MessagePackCode.Float64 => 9,
            _ => 0,
        };

        // A scalar cut short by the end of the input is the library's to report.
        if (size == 0 || size > _contiguous.Length - at)
        {
            return false;
        }

        _position = at + size;
        return true;
    }

    // An array or map header: fix (the count is the low four bits of the one byte) inline, 16 and 32 bits (the
    // lists of a Search answer or a Batch) out of line. A 32-bit count past int.MaxValue is the library's to refuse.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryReadContainerHeader(byte fix, byte code16, byte code32, out int count)
    {
        int at = _position;
        if ((uint)at < (uint)_contiguous.Length && (_contiguous[at] & 0xf0) == fix)
        {
            count = _contiguous[at] & 0x0f;
            _position = at + 1;
            return true;
        }

        return TryReadWideContainerHeader(code16, code32, out count);
    }

    private bool TryReadWideContainerHeader(byte code16, byte code32, out int count)
    {
        int at = _position;
        ReadOnlySpan<byte> input = (uint)at < (uint)_contiguous.Length ? _contiguous.Slice(at) : default;
        if (input.Length >= 3 && input[0] == code16)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(input.Slice(1));
            _position = at + 3;
            return true;
        }

        if (input.Length >= 5 && input[0] == code32 && BinaryPrimitives.ReadUInt32BigEndian(input.Slice(1)) <= int.MaxValue)
        {
            count = (int)BinaryPrimitives.ReadUInt32BigEndian(input.Slice(1));
            _position = at + 5;
            return true;
        }

        count = 0;
        return false;
    }

    // Moves the library reader up to the cursor (the span fast paths advance only the cursor); every call into the
    // library reader follows one.
    private void Sync()
    {
        if (_libraryPending)
        {
            if (_pinned != null && _memory.IsEmpty)
            {
                _lease = PinnedSpan.Rent(_pinned, _size);
                _memory = _lease.Memory;
            }

            // The nesting depth so far lives in the placeholder's Depth (EnterNested steps it there).
            int depth = _reader.Depth;
            _reader = new global::MessagePack.MessagePackReader(_memory.Slice(_position)) { Depth = depth };
            _origin = _position;
            _libraryPending = false;
            return;
        }

        long behind = _position - (_origin + _reader.Consumed);
        if (behind > 0)
        {
            // The library has no bare advance; a slice over one segment is cheap, and this runs off the fast paths.
            _reader.ReadRaw(behind);
        }
    }

    // Takes the cursor from the library reader after a call into it; true, for use in a condition.
    private bool Caught()
    {
        _position = (int)(_origin + _reader.Consumed);
        return true;
    }

    private static string IntegerAt(ReadOnlyMemory<byte> encoded)
    {
        var reader = new global::MessagePack.MessagePackReader(encoded);
        return reader.NextCode == MessagePackCode.UInt64
            ? reader.ReadUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // The library takes str32 and bin32 lengths as signed: past 2 GiB it would slice with a negative length.
    private void CheckLength32()
    {
        Sync();
        global::MessagePack.MessagePackReader peek = _reader.CreatePeekReader();
        Span<byte> header = stackalloc byte[5];
        peek.ReadRaw(header.Length).CopyTo(header);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)(Remaining - header.Length))
        {
            ThrowTooLong(length, Remaining - header.Length, _base + _start);
        }
    }

    private static ReadOnlySpan<byte> Contiguous(ReadOnlySequence<byte> bytes) => bytes.IsSingleSegment ? bytes.FirstSpan : bytes.ToArray();

    // Kept out of ReadString so its exception handling does not weigh on the ASCII path.
    private static string DecodeUtf8(ReadOnlySpan<byte> utf8, long start)
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private byte PeekCode()
    {
        // Over contiguous input (the usual case) the next byte is read straight from the span.
        int at = _position;
        if ((uint)at < (uint)_contiguous.Length)
        {
            return _contiguous[at];
        }

        if (End)
        {
            ThrowAt("unexpected end of input", Position);
        }

        Sync();
        return _reader.NextCode;
    }

    // Throwing lives in separate methods so the hot readers stay small enough to inline.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowAt(string reason, long position) => throw new MessagePackException(reason, position);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowCount(string container, uint count, string unit, int remaining, long position) =>
        throw new MessagePackException($"{container} declares {count} {unit} but only {remaining} byte(s) remain", position);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowTooDeep(int maxDepth, long position) => throw new MessagePackException($"nesting deeper than {maxDepth} levels", position);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowTooLong(uint length, int remaining, long position) =>
        throw new MessagePackException($"declared length {length} is larger than the {remaining} byte(s) that remain", position);

    private MessagePackException Mismatch(string expected)
    {
        byte code = PeekCode();
        return new MessagePackException($"expected {expected}, found {Describe(code)}", Position);
    }

    private static string Describe(byte code) => MessagePackCode.ToMessagePackType(code) switch
    {
        MessagePackType.Unknown => "the reserved byte 0xc1",
        MessagePackType.Nil => "nil",
        var t => $"{t.ToString().ToLowerInvariant()} (0x{code:x2})",
    };

    // What a read expects. A number rather than a reference: stored on every read, a reference would go through
    // the GC's write barrier each time.
    private enum Expectation : byte
    {
        Value,
        Boolean,
        Int64,
        UInt64,
        Int32,
        UInt32,
        Int16,
        Byte,
        Float,
        String,
        Binary,
        Array,
        Map,
        Extension,
    }

    private static string NounOf(Expectation expected) => expected switch
    {
        Expectation.Boolean => "boolean",
        Expectation.Int64 or Expectation.UInt64 or Expectation.Int32 or Expectation.UInt32 or Expectation.Int16 or Expectation.Byte => "integer",
        Expectation.Float => "float",
        Expectation.String => "string",
        Expectation.Binary => "binary",
        Expectation.Array => "array",
        Expectation.Map => "map",
        Expectation.Extension => "extension",
        _ => "value",
    };

    private static string? TypeNameOf(Expectation expected) => expected switch
    {
        Expectation.Int64 => "Int64",
        Expectation.UInt64 => "UInt64",
        Expectation.Int32 => "Int32",
        Expectation.UInt32 => "UInt32",
        Expectation.Int16 => "Int16",
        Expectation.Byte => "Byte",
        _ => null,
    };
}
