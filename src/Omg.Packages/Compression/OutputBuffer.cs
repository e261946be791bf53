using System.Buffers;

namespace Omg.Packages.Compression;

/// <summary>
/// A growable output buffer for the streaming decoders, from <see cref="DecodeBuffers"/>: a full Debian
/// main list decodes to ~50 MB, which is allocated per load and returned to the system afterwards.
/// </summary>
internal struct OutputBuffer
{
    // Index files beyond this are not something apt produces; refusing them bounds memory on corrupt input.
    private const int MaxLength = 1 << 30;

    private byte[] _buffer;

    /// <summary>Creates a buffer for about <paramref name="expectedLength"/> bytes of output.</summary>
    public OutputBuffer(long expectedLength)
    {
        _buffer = DecodeBuffers.Rent((int)Math.Clamp(expectedLength, 4096, MaxLength));
        Length = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The writable tail; grows the buffer first when it is full.</summary>
    public Span<byte> Free
    {
        get
        {
            if (Length == _buffer.Length)
            {
                if (_buffer.Length >= MaxLength)
                {
                    throw new InvalidDataException("decompressed data exceeds 1 GiB");
                }

                var bigger = DecodeBuffers.Rent((int)Math.Min(_buffer.Length * 2L, MaxLength));
                _buffer.AsSpan(0, Length).CopyTo(bigger);
                DecodeBuffers.Return(_buffer);
                _buffer = bigger;
            }

            return _buffer.AsSpan(Length);
        }
    }

    /// <summary>Records that <paramref name="count"/> bytes of <see cref="Free"/> were written.</summary>
    public void Advance(int count) => Length += count;

    /// <summary>The result.</summary>
    public readonly DecompressedData ToData() => new(_buffer, Length);
}
