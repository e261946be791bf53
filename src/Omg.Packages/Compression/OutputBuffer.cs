namespace Omg.Packages.Compression;

/// <summary>
/// A growable output buffer for the streaming decoders, from <see cref="DecodeBuffers"/>: a full Debian
/// main list decodes to ~50 MB, in native memory that is freed once the index is published.
/// </summary>
internal struct OutputBuffer
{
    // Index files beyond this are not something apt produces; refusing them bounds memory on corrupt input.
    private const int MaxLength = 1 << 30;

    private NativeBuffer _buffer;

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
            if (Length == _buffer.Capacity)
            {
                if (_buffer.Capacity >= MaxLength)
                {
                    throw new InvalidDataException("decompressed data exceeds 1 GiB");
                }

                var bigger = DecodeBuffers.Rent((int)Math.Min(_buffer.Capacity * 2L, MaxLength));
                _buffer.Span[..Length].CopyTo(bigger.Span);
                DecodeBuffers.Return(_buffer);
                _buffer = bigger;
            }

            return _buffer.Span[Length..];
        }
    }

    /// <summary>Records that <paramref name="count"/> bytes of <see cref="Free"/> were written.</summary>
    public void Advance(int count) => Length += count;

    /// <summary>The result.</summary>
    public readonly DecompressedData ToData() => new(_buffer, Length);
}
