using System.Buffers.Binary;

namespace Omg.Client.Tests;

public sealed class CoalescingWriterTests
{
    [Fact]
    public async Task Concurrent_frames_arrive_whole_and_a_burst_shares_writes()
    {
        var stream = new SlowStream();
        var writer = new CoalescingWriter(stream);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() =>
        {
            byte[] frame = new byte[4 + (i % 50)];
            BinaryPrimitives.WriteInt32BigEndian(frame, i);
            return writer.WriteAsync(frame);
        })));

        byte[] all = stream.ToArray();
        var seen = new HashSet<int>();
        for (int at = 0; at < all.Length;)
        {
            int i = BinaryPrimitives.ReadInt32BigEndian(all.AsSpan(at));
            Assert.True(seen.Add(i));
            at += 4 + (i % 50);
        }

        Assert.Equal(500, seen.Count);
        Assert.InRange(stream.Writes, 1, 499);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_every_later_one()
    {
        var writer = new CoalescingWriter(new SlowStream { Broken = true });

        await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(new byte[8]));
        await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(new byte[8]));
    }

    private sealed class SlowStream : MemoryStream
    {
        public int Writes;

        public bool Broken { get; init; }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Writes);
            await Task.Delay(1, cancellationToken);
            if (Broken)
            {
                throw new IOException("broken pipe");
            }

            await base.WriteAsync(buffer, cancellationToken);
        }
    }
}
