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
    private global::MessagePack.MessagePackWriter _writer;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public MessagePackWriter(IBufferWriter<byte> output) => _writer = new global::MessagePack.MessagePackWriter(output);

    /// <summary>Continues a library writer (for the formatters); take <see cref="Inner"/> back afterwards.</summary>
    public MessagePackWriter(in global::MessagePack.MessagePackWriter writer) => _writer = writer;

    /// <summary>The library writer, with everything written so far.</summary>
    public readonly global::MessagePack.MessagePackWriter Inner => _writer;

    /// <summary>Commits every byte written so far to the underlying buffer writer.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Writes nil.</summary>
    public void WriteNil() => _writer.WriteNil();

    /// <summary>Writes true or false.</summary>
    public void WriteBoolean(bool value) => _writer.Write(value);

    /// <summary>Writes a signed integer in its smallest encoding (non-negative values use the unsigned formats).</summary>
    public void WriteInt64(long value) => _writer.Write(value);

    /// <summary>Writes an unsigned integer in its smallest encoding.</summary>
    public void WriteUInt64(ulong value) => _writer.Write(value);

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
        // ASCII text (nearly all of it) has as many bytes as chars, so the header is known before one narrowing copy.
        if (Ascii.IsValid(value))
        {
            _writer.WriteStringHeader(value.Length);
            if (!value.IsEmpty)
            {
                Ascii.FromUtf16(value, _writer.GetSpan(value.Length), out _);
                _writer.Advance(value.Length);
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
            throw new ArgumentException("The string holds a lone surrogate and cannot be written as UTF-8.", nameof(value), ex);
        }

        _writer.WriteStringHeader(byteCount);
        StrictUtf8.Encoding.GetBytes(value, _writer.GetSpan(byteCount));
        _writer.Advance(byteCount);
    }

    /// <summary>Writes a string whose UTF-8 bytes the caller already has (and vouches are valid UTF-8).</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8) => _writer.WriteString(utf8);

    /// <summary>Writes a byte array (bin format family).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value) => _writer.Write(value);

    /// <summary>Writes the header of an array of <paramref name="count"/> values; the values must follow.</summary>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _writer.WriteArrayHeader(count);
    }

    /// <summary>Writes the header of a map of <paramref name="count"/> pairs; keys and values must follow, alternating.</summary>
    public void WriteMapHeader(int count)
    {
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

    /// <summary>Copies already-encoded MessagePack bytes (for example a pre-encoded map key) to the output.</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded) => _writer.WriteRaw(encoded);
}
