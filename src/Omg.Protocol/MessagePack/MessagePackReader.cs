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
/// reads the few formats that make up almost every message itself: nil, booleans, positive fixints, fixstr/str8/str16
/// headers and fixarray/fixmap headers. Everything else (wider integers, floats, binaries, extensions, str32, the
/// 16/32-bit containers, multi-segment input) goes to the library, which is first moved up to the cursor
/// (<see cref="Sync"/>).
/// </para>
/// </remarks>
internal ref struct MessagePackReader
{
    /// <summary>The nesting bound used when none is given.</summary>
    public const int DefaultMaxDepth = MessagePackLimits.DefaultMaxDepth;

    private readonly MessagePackSecurity _security;

    // The input from _base on when it is one contiguous block (always, for the codec's own entry points), so a
    // reader of a known shape can parse it over a plain span; empty otherwise.
    private readonly ReadOnlySpan<byte> _contiguous;
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly long _base;
    private readonly long _length;
    private global::MessagePack.MessagePackReader _reader;

    // The reader's position in the whole input (what _reader.Consumed would say). The library reader lags behind it
    // after the span fast paths and is moved up by Sync before any call into it.
    private long _offset;

    // Where the library reader's Consumed counts from, and whether it is still to be created: a reader over a
    // buffer creates the library's only when a read needs it (building one costs about as much as decoding a small
    // message over the fast paths), and then from the cursor on.
    private long _origin;
    private bool _libraryPending;

    // Where the value being read starts and what it was expected to be: a read calls straight into the library and,
    // when that throws, Translate rebuilds the message from these (what was found there, the integer that did not fit).
    private long _start;
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
        _base = 0;
        _length = buffer.Length;
        _reader = default;
        _libraryPending = true;
        _origin = 0;
        _offset = 0;
        _start = 0;
        _expected = Expectation.Value;
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
        _length = reader.Sequence.Length;
        _reader = reader;
        _libraryPending = false;
        _origin = 0;
        _offset = _base;
        _start = _base;
        _expected = Expectation.Value;
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
    public readonly int Position => (int)_offset;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => (int)(_length - _offset);

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool End => _offset >= _length;

    /// <summary>The family of the next value.</summary>
    public MessagePackType NextType => MessagePackCode.ToMessagePackType(PeekCode());

    /// <summary>The format byte of the next value, which tells its exact encoding.</summary>
    public byte PeekFormatByte() => PeekCode();

    /// <summary>The bytes not read yet when the input is contiguous (empty otherwise), for readers that parse a known shape over a span.</summary>
    internal readonly ReadOnlySpan<byte> Unread
    {
        get
        {
            long offset = _offset - _base;
            return offset <= _contiguous.Length ? _contiguous.Slice((int)offset) : default;
        }
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
        long at = _offset - _base;
        if ((ulong)at < (ulong)_contiguous.Length)
        {
            if (_contiguous[(int)at] != MessagePackCode.Nil)
            {
                return false;
            }

            _offset++;
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
        Begin(Expectation.Boolean);
        long at = _offset - _base;
        if ((ulong)at < (ulong)_contiguous.Length && _contiguous[(int)at] is MessagePackCode.True or MessagePackCode.False)
        {
            _offset++;
            return _contiguous[(int)at] == MessagePackCode.True;
        }

        Sync();
        bool value = _reader.ReadBoolean();
        Caught();
        return value;
    }

    /// <summary>Reads any integer format as a signed 64-bit integer.</summary>
    public long ReadInt64()
    {
        Begin(Expectation.Int64);
        if (TryReadUnsigned(out uint small))
        {
            return small;
        }

        Sync();
        long value = _reader.ReadInt64();
        Caught();
        return value;
    }

    /// <summary>Reads any integer format as an unsigned 64-bit integer.</summary>
    public ulong ReadUInt64()
    {
        Begin(Expectation.UInt64);
        if (TryReadUnsigned(out uint small))
        {
            return small;
        }

        Sync();
        ulong value = _reader.ReadUInt64();
        Caught();
        return value;
    }

    /// <summary>Reads an integer that must fit in a signed 32-bit integer.</summary>
    public int ReadInt32()
    {
        Begin(Expectation.Int32);
        if (TryReadUnsigned(out uint small, int.MaxValue))
        {
            return (int)small;
        }

        Sync();
        int value = _reader.ReadInt32();
        Caught();
        return value;
    }

    /// <summary>Reads an integer that must fit in an unsigned 32-bit integer.</summary>
    public uint ReadUInt32()
    {
        Begin(Expectation.UInt32);
        if (TryReadUnsigned(out uint small))
        {
            return small;
        }

        Sync();
        uint value = _reader.ReadUInt32();
        Caught();
        return value;
    }

    /// <summary>Reads an integer that must fit in a signed 16-bit integer.</summary>
    public short ReadInt16()
    {
        Begin(Expectation.Int16);
        if (TryReadUnsigned(out uint small, (uint)short.MaxValue))
        {
            return (short)small;
        }

        Sync();
        short value = _reader.ReadInt16();
        Caught();
        return value;
    }

    /// <summary>Reads an integer that must fit in a byte.</summary>
    public byte ReadByte()
    {
        Begin(Expectation.Byte);
        if (TryReadUnsigned(out uint small, byte.MaxValue))
        {
            return (byte)small;
        }

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
        return utf8.IsEmpty ? string.Empty : AsciiStrings.TryCreate(utf8) ?? DecodeUtf8(utf8, _start);
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
            ThrowAt("string is not valid UTF-8", _start);
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
        Begin(Expectation.String);
        long at = _offset - _base;
        if ((ulong)at < (ulong)_contiguous.Length)
        {
            ReadOnlySpan<byte> input = _contiguous.Slice((int)at);
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
                _offset += header + length;
                return true;
            }
        }

        return TryReadStringBytesSlowly(PeekCode(), out utf8);
    }

    // A str32, a string that spans two segments of a caller's sequence, or no string at all.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool TryReadStringBytesSlowly(byte code, out ReadOnlySpan<byte> utf8)
    {
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
    internal readonly int ValueStart => (int)_start;

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
        Begin(Expectation.Array);
        if (!TryReadFixHeader(MessagePackCode.MinFixArray, out int count))
        {
            Sync();
            if (!_reader.TryReadArrayHeader(out count))
            {
                ThrowAt("unexpected end of input inside an array header", _start);
            }

            Caught();
        }

        // Every element takes at least one byte.
        if ((uint)count > (uint)Remaining)
        {
            ThrowCount("array", (uint)count, "elements", Remaining, _start);
        }

        return count;
    }

    /// <summary>Reads a map header. The count is checked against the bytes that remain.</summary>
    /// <returns>How many key/value pairs follow.</returns>
    public int ReadMapHeader()
    {
        Begin(Expectation.Map);
        if (!TryReadFixHeader(MessagePackCode.MinFixMap, out int count))
        {
            Sync();
            if (!_reader.TryReadMapHeader(out count))
            {
                ThrowAt("unexpected end of input inside a map header", _start);
            }

            Caught();
        }

        // Every pair takes at least two bytes.
        if ((ulong)(uint)count * 2 > (ulong)Remaining)
        {
            ThrowCount("map", (uint)count, "pairs", Remaining, _start);
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
                Begin(Expectation.Value);
                if (!TrySkipFixedScalar())
                {
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
        try
        {
            _security.DepthStep(ref _reader);
        }
        catch (InsufficientExecutionStackException)
        {
            ThrowAt($"nesting deeper than {MaxDepth} levels", Position);
        }
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

        _offset += count;
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
        long offset = _start - _base;
        bool here = (ulong)offset < (ulong)_contiguous.Length;
        return exception switch
        {
            MessagePackSerializationException when here => new($"expected {what}, found {Describe(_contiguous[(int)offset])}", _start),
            OverflowException when here && TypeNameOf(_expected) is { } type => new($"integer {IntegerAt(_memory[(int)offset..])} is out of range for {type}", _start),
            EndOfStreamException => new($"{what} is cut short: the input ends inside it, {Remaining} byte(s) before the end", _start),
            _ => new(exception.Message, _start),
        };
    }

    // Notes where the value being read starts and what it should be, for Translate.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Begin(Expectation expected)
    {
        _start = _offset;
        _expected = expected;
    }

    // A non-negative integer in one of the forms up to 32 bits (fixint, uint8, uint16, uint32) that is at most
    // max; anything else, a value over max included, is the library's to read (and to refuse as out of range).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryReadUnsigned(out uint value, uint max = uint.MaxValue)
    {
        long at = _offset - _base;
        if ((ulong)at < (ulong)_contiguous.Length)
        {
            ReadOnlySpan<byte> input = _contiguous.Slice((int)at);
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
                _offset += size;
                value = found;
                return true;
            }
        }

        value = 0;
        return false;
    }

    // Skips a scalar whose size its first byte tells (fixints, nil, booleans, 8- to 64-bit integers and floats):
    // the bulk of an unknown field's contents.
    private bool TrySkipFixedScalar()
    {
        long at = _offset - _base;
        if ((ulong)at >= (ulong)_contiguous.Length)
        {
            return false;
        }

        int size = _contiguous[(int)at] switch
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

        _offset += size;
        return true;
    }

    // A fixarray or fixmap header (0..15 items): the count is the low four bits of the one byte.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryReadFixHeader(byte min, out int count)
    {
        long at = _offset - _base;
        if ((ulong)at < (ulong)_contiguous.Length && (_contiguous[(int)at] & 0xf0) == min)
        {
            count = _contiguous[(int)at] & 0x0f;
            _offset++;
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
            // The nesting depth so far lives in the placeholder's Depth (EnterNested steps it there).
            int depth = _reader.Depth;
            _reader = new global::MessagePack.MessagePackReader(_memory.Slice((int)_offset)) { Depth = depth };
            _origin = _offset;
            _libraryPending = false;
            return;
        }

        long behind = _offset - (_origin + _reader.Consumed);
        if (behind > 0)
        {
            // The library has no bare advance; a slice over one segment is cheap, and this runs off the fast paths.
            _reader.ReadRaw(behind);
        }
    }

    // Takes the cursor from the library reader after a call into it; true, for use in a condition.
    private bool Caught()
    {
        _offset = _origin + _reader.Consumed;
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
            ThrowTooLong(length, Remaining - header.Length, _start);
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
        long offset = _offset - _base;
        if ((ulong)offset < (ulong)_contiguous.Length)
        {
            return _contiguous[(int)offset];
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
