namespace Omg.Packages.Compression;

/// <summary>
/// The decompressed bytes of one file: <see cref="Buffer"/> may be longer than <see cref="Length"/>. The
/// buffer is rented from <see cref="DecodeBuffers"/>; <see cref="Return"/> gives it back.
/// </summary>
internal readonly record struct DecompressedData(NativeBuffer Buffer, int Length)
{
    /// <summary>Returns the buffer to the shared pool; the data must not be used afterwards.</summary>
    public void Return() => DecodeBuffers.Return(Buffer);

    /// <summary>The meaningful bytes.</summary>
    public ReadOnlySpan<byte> Span => Buffer.Span[..Length];
}
