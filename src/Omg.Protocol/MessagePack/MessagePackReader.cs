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
        _reader = new global::MessagePack.MessagePackReader(buffer);
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
        _start = _base;
        _expected = Expectation.Value;
    }

    /// <summary>The library reader, positioned after what has been read.</summary>
    public readonly global::MessagePack.MessagePackReader Inner => _reader;

    /// <summary>How deeply arrays and maps may nest.</summary>
    public readonly int MaxDepth => _security.MaximumObjectGraphDepth;

    // Members that touch _reader are not readonly: the library's struct predates readonly members, so a readonly
    // member would copy the whole reader before each call into it.

    /// <summary>Byte offset of the next value.</summary>
    public int Position => (int)_reader.Consumed;

    /// <summary>Bytes not yet consumed.</summary>
    public int Remaining => (int)(_length - _reader.Consumed);

    /// <summary>True when every byte has been consumed.</summary>
    public bool End => _reader.End;

    /// <summary>The family of the next value.</summary>
    public MessagePackType NextType => MessagePackCode.ToMessagePackType(PeekCode());

    /// <summary>The format byte of the next value, which tells its exact encoding.</summary>
    public byte PeekFormatByte() => PeekCode();

    /// <summary>The bytes not read yet when the input is contiguous (empty otherwise), for readers that parse a known shape over a span.</summary>
    internal ReadOnlySpan<byte> Unread
    {
        get
        {
            long offset = _reader.Consumed - _base;
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
    public bool TryReadNil() => !_reader.End && _reader.TryReadNil();

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
        return _reader.ReadBoolean();
    }

    /// <summary>Reads any integer format as a signed 64-bit integer.</summary>
    public long ReadInt64()
    {
        Begin(Expectation.Int64);
        return _reader.ReadInt64();
    }

    /// <summary>Reads any integer format as an unsigned 64-bit integer.</summary>
    public ulong ReadUInt64()
    {
        Begin(Expectation.UInt64);
        return _reader.ReadUInt64();
    }

    /// <summary>Reads an integer that must fit in a signed 32-bit integer.</summary>
    public int ReadInt32()
    {
        Begin(Expectation.Int32);
        return _reader.ReadInt32();
    }

    /// <summary>Reads an integer that must fit in an unsigned 32-bit integer.</summary>
    public uint ReadUInt32()
    {
        Begin(Expectation.UInt32);
        return _reader.ReadUInt32();
    }

    /// <summary>Reads an integer that must fit in a signed 16-bit integer.</summary>
    public short ReadInt16()
    {
        Begin(Expectation.Int16);
        return _reader.ReadInt16();
    }

    /// <summary>Reads an integer that must fit in a byte.</summary>
    public byte ReadByte()
    {
        Begin(Expectation.Byte);
        return _reader.ReadByte();
    }

    /// <summary>Reads a float32 or float64; integers are accepted and converted, as other MessagePack readers do.</summary>
    public double ReadDouble()
    {
        Begin(Expectation.Float);
        return _reader.ReadDouble();
    }

    /// <summary>Reads a float32, or a float64 / integer converted to single precision.</summary>
    public float ReadSingle()
    {
        Begin(Expectation.Float);
        return _reader.ReadSingle();
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
        byte code = PeekCode();
        if (code is (>= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr) or MessagePackCode.Str8 or MessagePackCode.Str16
            && _reader.TryReadStringSpan(out ReadOnlySpan<byte> span))
        {
            utf8 = span;
            return true;
        }

        return TryReadStringBytesSlowly(code, out utf8);
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

        if (_reader.TryReadStringSpan(out ReadOnlySpan<byte> span))
        {
            utf8 = span;
            return true;
        }

        utf8 = _reader.ReadStringSequence()!.Value.ToArray();
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

        return Contiguous(_reader.ReadBytes()!.Value);
    }

    /// <summary>Reads an array header. The count is checked against the bytes that remain.</summary>
    /// <returns>How many values follow.</returns>
    public int ReadArrayHeader()
    {
        Begin(Expectation.Array);
        if (!_reader.TryReadArrayHeader(out int count))
        {
            ThrowAt("unexpected end of input inside an array header", _start);
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
        if (!_reader.TryReadMapHeader(out int count))
        {
            ThrowAt("unexpected end of input inside a map header", _start);
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
        ExtensionHeader header = _reader.ReadExtensionFormatHeader();
        type = header.TypeCode;
        return Contiguous(_reader.ReadRaw(header.Length));
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
                _reader.Skip();
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

        _reader.ReadRaw(count);
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
        _start = _reader.Consumed;
        _expected = expected;
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
        long offset = _reader.Consumed - _base;
        if ((ulong)offset < (ulong)_contiguous.Length)
        {
            return _contiguous[(int)offset];
        }

        if (_reader.End)
        {
            ThrowAt("unexpected end of input", Position);
        }

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
