namespace Omg.Packages.Compression;

/// <summary>The decompressed bytes of one file: <see cref="Buffer"/> may be longer than <see cref="Length"/>.</summary>
internal readonly record struct DecompressedData(byte[] Buffer, int Length)
{
    /// <summary>The meaningful bytes.</summary>
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);
}
