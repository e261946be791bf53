using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Omg.Benchmarks.Handwritten.MessagePack;

/// <summary>
/// Writes MessagePack values into an <see cref="IBufferWriter{T}"/>, always in the smallest encoding
/// the specification allows. It caches the span it was given, so a value costs a few stores rather than
/// an interface call; call <see cref="Flush"/> once at the end to commit what was written.
/// </summary>
public ref struct MessagePackWriter
{
    // The most UTF-16 chars whose UTF-8 form (at most 3 bytes each) is sure to fit a str8.
    private const int ShortStringChars = byte.MaxValue / 3;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public MessagePackWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = default;
        _buffered = 0;
    }

    /// <summary>Commits every byte written so far to the underlying buffer writer.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }

        _span = default;
    }

    /// <summary>Writes nil.</summary>
    public void WriteNil() => WriteByte(MessagePackCode.Nil);

    /// <summary>Writes true or false.</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? MessagePackCode.True : MessagePackCode.False);

    /// <summary>Writes a signed integer in its smallest encoding (non-negative values use the unsigned formats).</summary>
    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
            return;
        }

        if (value >= -32)
        {
            WriteByte(unchecked((byte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            Span<byte> s = Reserve(2);
            s[0] = MessagePackCode.Int8;
            s[1] = unchecked((byte)value);
            Advance(2);
        }
        else if (value >= short.MinValue)
        {
            Span<byte> s = Reserve(3);
            s[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(s[1..], (short)value);
            Advance(3);
        }
        else if (value >= int.MinValue)
        {
            Span<byte> s = Reserve(5);
            s[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], (int)value);
            Advance(5);
        }
        else
        {
            Span<byte> s = Reserve(9);
            s[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(s[1..], value);
            Advance(9);
        }
    }

    /// <summary>Writes an unsigned integer in its smallest encoding.</summary>
    public void WriteUInt64(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            Span<byte> s = Reserve(2);
            s[0] = MessagePackCode.UInt8;
            s[1] = (byte)value;
            Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            Span<byte> s = Reserve(3);
            s[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)value);
            Advance(3);
        }
        else if (value <= uint.MaxValue)
        {
            Span<byte> s = Reserve(5);
            s[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)value);
            Advance(5);
        }
        else
        {
            Span<byte> s = Reserve(9);
            s[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(s[1..], value);
            Advance(9);
        }
    }

    /// <summary>Writes a float32.</summary>
    public void WriteSingle(float value)
    {
        Span<byte> s = Reserve(5);
        s[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(s[1..], value);
        Advance(5);
    }

    /// <summary>Writes a float64.</summary>
    public void WriteDouble(double value)
    {
        Span<byte> s = Reserve(9);
        s[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(s[1..], value);
        Advance(9);
    }

    /// <summary>Writes a string as UTF-8, or nil when <paramref name="value"/> is null.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }

        WriteString(value.AsSpan());
    }

    /// <summary>Writes a string as UTF-8.</summary>
    /// <exception cref="ArgumentException">The text holds a lone surrogate, which UTF-8 cannot encode.</exception>
    public void WriteString(ReadOnlySpan<char> value)
    {
        // Short strings (all of a search result's) are transcoded once, straight after room for a str8
        // header; when they turn out to fit a fixstr the bytes shift left by one instead of being counted
        // in a separate pass.
        if (value.Length <= ShortStringChars)
        {
            Span<byte> s = Reserve(2 + (value.Length * 3));

            // ASCII text (nearly all of it) has as many bytes as chars, so the header is known before
            // the single narrowing pass; it stops at the first non-ASCII char and the general path redoes it.
            if (value.Length <= 31)
            {
                if (Ascii.FromUtf16(value, s[1..], out int ascii) == OperationStatus.Done)
                {
                    s[0] = (byte)(MessagePackCode.MinFixStr | ascii);
                    Advance(1 + ascii);
                    return;
                }
            }
            else if (Ascii.FromUtf16(value, s[2..], out int ascii) == OperationStatus.Done)
            {
                s[0] = MessagePackCode.Str8;
                s[1] = (byte)ascii;
                Advance(2 + ascii);
                return;
            }

            if (System.Text.Unicode.Utf8.FromUtf16(value, s[2..], out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw LoneSurrogate(nameof(value));
            }

            if (written <= 31)
            {
                s[0] = (byte)(MessagePackCode.MinFixStr | written);
                s.Slice(2, written).CopyTo(s[1..]);
                Advance(1 + written);
            }
            else
            {
                s[0] = MessagePackCode.Str8;
                s[1] = (byte)written;
                Advance(2 + written);
            }

            return;
        }

        int byteCount;
        try
        {
            byteCount = StrictUtf8.Encoding.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw LoneSurrogate(nameof(value), ex);
        }

        WriteStringHeader(byteCount);
        Span<byte> body = Reserve(byteCount);
        StrictUtf8.Encoding.GetBytes(value, body);
        Advance(byteCount);
    }

    /// <summary>Writes a string whose UTF-8 bytes the caller already has (and vouches are valid UTF-8).</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    /// <summary>Writes the header of a string of <paramref name="byteCount"/> UTF-8 bytes; the bytes must follow.</summary>
    public void WriteStringHeader(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        if (byteCount <= 31)
        {
            WriteByte((byte)(MessagePackCode.MinFixStr | byteCount));
        }
        else if (byteCount <= byte.MaxValue)
        {
            Span<byte> s = Reserve(2);
            s[0] = MessagePackCode.Str8;
            s[1] = (byte)byteCount;
            Advance(2);
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Str16, MessagePackCode.Str32, (uint)byteCount);
        }
    }

    /// <summary>Writes a byte array (bin format family).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        if (value.Length <= byte.MaxValue)
        {
            Span<byte> s = Reserve(2);
            s[0] = MessagePackCode.Bin8;
            s[1] = (byte)value.Length;
            Advance(2);
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Bin16, MessagePackCode.Bin32, (uint)value.Length);
        }

        WriteRaw(value);
    }

    /// <summary>Writes the header of an array of <paramref name="count"/> values; the values must follow.</summary>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteByte((byte)(MessagePackCode.MinFixArray | count));
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Array16, MessagePackCode.Array32, (uint)count);
        }
    }

    /// <summary>Writes the header of a map of <paramref name="count"/> pairs; keys and values must follow, alternating.</summary>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteByte((byte)(MessagePackCode.MinFixMap | count));
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Map16, MessagePackCode.Map32, (uint)count);
        }
    }

    /// <summary>Writes the header of an extension value; <paramref name="length"/> data bytes must follow.</summary>
    public void WriteExtensionHeader(sbyte type, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte fixCode = length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => 0,
        };
        if (fixCode != 0)
        {
            Span<byte> f = Reserve(2);
            f[0] = fixCode;
            f[1] = unchecked((byte)type);
            Advance(2);
            return;
        }

        if (length <= byte.MaxValue)
        {
            Span<byte> s = Reserve(3);
            s[0] = MessagePackCode.Ext8;
            s[1] = (byte)length;
            s[2] = unchecked((byte)type);
            Advance(3);
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Ext16, MessagePackCode.Ext32, (uint)length);
            WriteByte(unchecked((byte)type));
        }
    }

    /// <summary>Writes an extension value.</summary>
    public void WriteExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        WriteExtensionHeader(type, data.Length);
        WriteRaw(data);
    }

    /// <summary>Writes a timestamp in the smallest of its 32, 64 and 96-bit forms.</summary>
    public void WriteTimestamp(MessagePackTimestamp value)
    {
        if ((ulong)value.Seconds >> 34 == 0)
        {
            ulong packed = ((ulong)value.Nanoseconds << 34) | (ulong)value.Seconds;
            if ((packed & 0xffffffff00000000UL) == 0)
            {
                WriteExtensionHeader(MessagePackCode.TimestampExtension, 4);
                Span<byte> s4 = Reserve(4);
                BinaryPrimitives.WriteUInt32BigEndian(s4, (uint)packed);
                Advance(4);
            }
            else
            {
                WriteExtensionHeader(MessagePackCode.TimestampExtension, 8);
                Span<byte> s8 = Reserve(8);
                BinaryPrimitives.WriteUInt64BigEndian(s8, packed);
                Advance(8);
            }

            return;
        }

        WriteExtensionHeader(MessagePackCode.TimestampExtension, 12);
        Span<byte> s = Reserve(12);
        BinaryPrimitives.WriteUInt32BigEndian(s, value.Nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(s[4..], value.Seconds);
        Advance(12);
    }

    /// <summary>Copies already-encoded MessagePack bytes (for example a pre-encoded map key) to the output.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        // Inlined, a constant key becomes a store or two instead of a call to copy a few bytes.
        if (encoded.Length <= _span.Length)
        {
            encoded.CopyTo(_span);
            Advance(encoded.Length);
            return;
        }

        WriteRawInChunks(encoded);
    }

    private void WriteRawInChunks(ReadOnlySpan<byte> encoded)
    {
        // Large payloads are copied in chunks so the buffer writer never has to hold them contiguously twice.
        while (!encoded.IsEmpty)
        {
            Span<byte> s = Reserve(1);
            int n = Math.Min(s.Length, encoded.Length);
            encoded[..n].CopyTo(s);
            Advance(n);
            encoded = encoded[n..];
        }
    }

    private static ArgumentException LoneSurrogate(string parameter, Exception? inner = null) =>
        new("The string holds a lone surrogate and cannot be written as UTF-8.", parameter, inner);

    private void WriteLengthHeader(byte code16, byte code32, uint length)
    {
        if (length <= ushort.MaxValue)
        {
            Span<byte> s = Reserve(3);
            s[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)length);
            Advance(3);
        }
        else
        {
            Span<byte> s = Reserve(5);
            s[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], length);
            Advance(5);
        }
    }

    private void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        Advance(1);
    }

    private Span<byte> Reserve(int size)
    {
        if (_span.Length < size)
        {
            Grow(size);
        }

        return _span;
    }

    private void Advance(int count)
    {
        _span = _span[count..];
        _buffered += count;
    }

    private void Grow(int size)
    {
        if (_output is null)
        {
            throw new InvalidOperationException("The writer was not created over a buffer writer.");
        }

        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }

        _span = _output.GetSpan(Math.Max(size, 256));
    }
}
