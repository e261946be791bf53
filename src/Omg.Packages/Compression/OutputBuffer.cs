namespace Omg.Packages.Compression;

/// <summary>
/// A growable output buffer for the streaming decoders. Arrays are uninitialised because the decoders
/// overwrite every byte they report, and zeroing 100 MB of list data would cost more than decoding it.
/// </summary>
internal struct OutputBuffer
{
    // Index files beyond this are not something apt produces; refusing them bounds memory on corrupt input.
    private const int MaxLength = 1 << 30;

    private byte[] _buffer;

    /// <summary>Creates a buffer sized from the compressed length (lists compress about 4-6 to 1).</summary>
    public OutputBuffer(int compressedLength)
    {
        _buffer = GC.AllocateUninitializedArray<byte>(Math.Clamp(compressedLength * 6L, 4096, MaxLength) is var n ? (int)n : 4096);
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

                var bigger = GC.AllocateUninitializedArray<byte>((int)Math.Min((long)_buffer.Length * 2, MaxLength));
                _buffer.AsSpan(0, Length).CopyTo(bigger);
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
