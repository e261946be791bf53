using System.Buffers;
using System.Text;
using MessagePack;

namespace Omg.Protocol.MessagePack;

/// <summary>
/// The protocol's writer: MessagePack-CSharp's <see cref="global::MessagePack.MessagePackWriter"/>, which already
/// writes every value in its smallest encoding (str8 included), under the names the message types use, plus what
/// the protocol adds: strict UTF-8 (a lone surrogate is refused where the library would write U+FFFD) and
/// timestamps over the format's full 96-bit range. Call <see cref="Flush"/> once at the end.
/// </summary>
internal ref struct MessagePackWriter
{
    private const int MaxFixStrLength = 31;
    private const int MaxFixCount = 15;

    private global::MessagePack.MessagePackWriter _writer;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public MessagePackWriter(IBufferWriter<byte> output) => _writer = new global::MessagePack.MessagePackWriter(output);

    /// <summary>Continues a library writer (for the formatters); take <see cref="Inner"/> back afterwards.</summary>
    public MessagePackWriter(scoped in global::MessagePack.MessagePackWriter writer) => _writer = writer;

    /// <summary>The library writer, with everything written so far.</summary>
    public readonly global::MessagePack.MessagePackWriter Inner => _writer;

    /// <summary>Commits every byte written so far to the underlying buffer writer.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Writes nil.</summary>
    public void WriteNil() => _writer.WriteNil();

    /// <summary>Writes true or false.</summary>
    public void WriteBoolean(bool value) => _writer.Write(value);

    /// <summary>Writes a signed integer in its smallest encoding (non-negative values use the unsigned formats).</summary>
    public void WriteInt64(long value)
    {
        if ((ulong)value <= MessagePackCode.MaxFixInt)
        {
            WriteCode((byte)value);
        }
        else
        {
            _writer.Write(value);
        }
    }

    /// <summary>Writes an unsigned integer in its smallest encoding.</summary>
    public void WriteUInt64(ulong value)
    {
        if (value <= MessagePackCode.MaxFixInt)
        {
            WriteCode((byte)value);
        }
        else
        {
            _writer.Write(value);
        }
    }

    /// <summary>Writes a float32.</summary>
    public void WriteSingle(float value) => _writer.Write(value);

    /// <summary>Writes a float64.</summary>
    public void WriteDouble(double value) => _writer.Write(value);

    /// <summary>Writes a string as UTF-8, or nil when <paramref name="value"/> is null.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            _writer.WriteNil();
            return;
        }

        WriteString(value.AsSpan());
    }

    /// <summary>Writes a string as UTF-8.</summary>
    /// <exception cref="ArgumentException">The text holds a lone surrogate, which UTF-8 cannot encode.</exception>
    public void WriteString(ReadOnlySpan<char> value)
    {
        // Short ASCII text (nearly all of it: names, versions, synopses) has as many bytes as chars, so its header
        // is known before the one narrowing pass, which goes straight into the output. The str header is the one
        // piece of encoding written here rather than by the library: put in front of bytes already narrowed in
        // place, it saves a separate ASCII check per string (docs/benchmarks.md, MessagePack-CSharp vs the
        // hand-written codec). It is the header the library itself writes for these lengths.
        int length = value.Length;
        if (length <= MaxFixStrLength)
        {
            Span<byte> span = _writer.GetSpan(1 + length);
            if (Ascii.FromUtf16(value, span[1..], out _) == OperationStatus.Done)
            {
                span[0] = (byte)(MessagePackCode.MinFixStr | length);
                _writer.Advance(1 + length);
                return;
            }
        }
        else if (length <= byte.MaxValue)
        {
            Span<byte> span = _writer.GetSpan(2 + length);
            if (Ascii.FromUtf16(value, span[2..], out _) == OperationStatus.Done)
            {
                span[0] = MessagePackCode.Str8;
                span[1] = (byte)length;
                _writer.Advance(2 + length);
                return;
            }
        }
        else if (Ascii.IsValid(value))
        {
            _writer.WriteStringHeader(length);
            Ascii.FromUtf16(value, _writer.GetSpan(length), out _);
            _writer.Advance(length);
            return;
        }

        int byteCount;
        try
        {
            byteCount = StrictUtf8.Encoding.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("The string holds a lone surrogate and cannot be written as UTF-8.", nameof(value), ex);
        }

        _writer.WriteStringHeader(byteCount);
        StrictUtf8.Encoding.GetBytes(value, _writer.GetSpan(byteCount));
        _writer.Advance(byteCount);
    }

    /// <summary>Writes a string whose UTF-8 bytes the caller already has (and vouches are valid UTF-8).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= MaxFixStrLength)
        {
            // A constant key, inlined: a store or two.
            Span<byte> span = _writer.GetSpan(1 + utf8.Length);
            span[0] = (byte)(MessagePackCode.MinFixStr | utf8.Length);
            utf8.CopyTo(span[1..]);
            _writer.Advance(1 + utf8.Length);
            return;
        }

        _writer.WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    /// <summary>Writes a byte array (bin format family).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value) => _writer.Write(value);

    /// <summary>Writes the header of an array of <paramref name="count"/> values; the values must follow.</summary>
    public void WriteArrayHeader(int count)
    {
        if ((uint)count <= MaxFixCount)
        {
            WriteCode((byte)(MessagePackCode.MinFixArray | count));
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _writer.WriteArrayHeader(count);
    }

    /// <summary>Writes the header of a map of <paramref name="count"/> pairs; keys and values must follow, alternating.</summary>
    public void WriteMapHeader(int count)
    {
        if ((uint)count <= MaxFixCount)
        {
            WriteCode((byte)(MessagePackCode.MinFixMap | count));
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _writer.WriteMapHeader(count);
    }

    /// <summary>Writes an extension value (fixext when the length allows).</summary>
    public void WriteExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        _writer.WriteExtensionFormatHeader(new ExtensionHeader(type, data.Length));
        _writer.WriteRaw(data);
    }

    /// <summary>Writes a timestamp in the smallest of its 32, 64 and 96-bit forms.</summary>
    public void WriteTimestamp(MessagePackTimestamp value)
    {
        Span<byte> data = stackalloc byte[12];
        int length = value.Encode(data);
        _writer.WriteExtensionFormatHeader(new ExtensionHeader(MessagePackTimestamp.ExtensionType, length));

        // Copied rather than passed: the library's methods predate scoped spans and may not take a stack buffer.
        data[..length].CopyTo(_writer.GetSpan(length));
        _writer.Advance(length);
    }

    // The one-byte forms (positive fixint, fixmap, fixarray headers) written inline; the library's methods for them
    // are calls too large to inline, and the message types write dozens per message.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void WriteCode(byte code)
    {
        _writer.GetSpan(1)[0] = code;
        _writer.Advance(1);
    }

    /// <summary>Copies already-encoded MessagePack bytes (for example a pre-encoded map key) to the output.</summary>
    /// <summary>
    /// Space for at least <paramref name="sizeHint"/> bytes, for a caller that encodes a record of known shape in one
    /// go and then calls <see cref="Advance"/> with what it wrote: one step of the library's buffer per record instead
    /// of two per value.
    /// </summary>
    internal Span<byte> GetSpan(int sizeHint) => _writer.GetSpan(sizeHint);

    /// <summary>Commits <paramref name="count"/> bytes written into the span of <see cref="GetSpan"/>.</summary>
    internal void Advance(int count) => _writer.Advance(count);

    /// <summary>
    /// Encodes <paramref name="value"/> at <paramref name="at"/> as a fixstr or str8 when it is ASCII and at most 255
    /// characters (the header the library writes for those lengths); false, with <paramref name="at"/> unchanged,
    /// otherwise. <paramref name="output"/> must have room for two bytes more than the string's length.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool TryEncodeShortAscii(Span<byte> output, ref int at, ReadOnlySpan<char> value)
    {
        int length = value.Length;
        if (length <= MaxFixStrLength)
        {
            if (Ascii.FromUtf16(value, output.Slice(at + 1, length), out _) != OperationStatus.Done)
            {
                return false;
            }

            output[at] = (byte)(MessagePackCode.MinFixStr | length);
            at += 1 + length;
            return true;
        }

        if (length > byte.MaxValue || Ascii.FromUtf16(value, output.Slice(at + 2, length), out _) != OperationStatus.Done)
        {
            return false;
        }

        output[at] = MessagePackCode.Str8;
        output[at + 1] = (byte)length;
        at += 2 + length;
        return true;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        // Inlined, a constant key becomes a store or two; the library's WriteRaw calls a general copy for each.
        encoded.CopyTo(_writer.GetSpan(encoded.Length));
        _writer.Advance(encoded.Length);
    }
}
