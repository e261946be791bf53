namespace Omg.Protocol.Tests.Fuzz;

/// <summary>A read-only stream over bytes that hands out at most <c>chunk</c> bytes a read, as a socket may.</summary>
internal sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
}
