using System.Buffers;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;

namespace Omg.Protocol.Tests.Framing;

public sealed class FrameTests
{
    [Fact]
    public async Task Frames_written_back_to_back_read_one_at_a_time_from_a_stream()
    {
        var stream = new MemoryStream();
        using (FrameBuffer a = FrameBuffer.For(new PingRequest(1)))
        using (FrameBuffer b = FrameBuffer.For(new SearchRequest(2, new string('q', 5000), 3)))
        {
            stream.Write(a.Complete().Span);
            stream.Write(b.Complete().Span);
        }

        stream.Position = 0;
        var trickle = new TrickleStream(stream, 3);
        Assert.IsType<PingRequest>(MessageCodec.DecodeRequest(await FrameReader.ReadAsync(trickle, FrameLimits.MaxRequestSize)));
        var search = Assert.IsType<SearchRequest>(MessageCodec.DecodeRequest(await FrameReader.ReadAsync(trickle, FrameLimits.MaxRequestSize)));
        Assert.Equal(5000, search.Query.Length);
        Assert.Null(await FrameReader.ReadAsync(trickle, FrameLimits.MaxRequestSize));
    }

    [Fact]
    public async Task Oversized_frame_is_refused_from_its_header_before_reading_the_payload()
    {
        // Header claims 2 GiB; only the header exists, so any attempt to read the payload would hit EOF instead.
        var stream = new MemoryStream(Hex.Parse("7fffffff"));
        FrameException ex = await Assert.ThrowsAsync<FrameException>(async () => await FrameReader.ReadAsync(stream, FrameLimits.MaxRequestSize));
        Assert.True(ex.TooLarge);
        Assert.Equal(0x7fffffffL, ex.DeclaredLength);
        Assert.Contains("over the limit", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("000000")]
    [InlineData("00000005 0102")]
    public async Task Stream_ending_inside_a_frame_is_an_error(string hex)
    {
        var stream = new MemoryStream(Hex.Parse(hex));
        FrameException ex = await Assert.ThrowsAsync<FrameException>(async () => await FrameReader.ReadAsync(stream, 100));
        Assert.False(ex.TooLarge);
    }

    [Fact]
    public async Task Empty_frame_reads_as_an_empty_payload()
    {
        var stream = new MemoryStream(Hex.Parse("00000000"));
        byte[]? payload = await FrameReader.ReadAsync(stream, 100);
        Assert.NotNull(payload);
        Assert.Empty(payload);
    }

    [Fact]
    public void TryRead_takes_whole_frames_off_a_sequence_and_waits_for_partial_ones()
    {
        var bytes = new List<byte>();
        using (FrameBuffer a = FrameBuffer.For(new PingRequest(1)))
        using (FrameBuffer b = FrameBuffer.For(new StatusRequest(2)))
        {
            bytes.AddRange(a.Complete().ToArray());
            bytes.AddRange(b.Complete().ToArray());
        }

        var buffer = new ReadOnlySequence<byte>(bytes.ToArray(), 0, bytes.Count - 1);
        Assert.True(FrameReader.TryRead(ref buffer, 100, out ReadOnlySequence<byte> first));
        Assert.IsType<PingRequest>(MessageCodec.DecodeRequest(first.ToArray()));
        Assert.False(FrameReader.TryRead(ref buffer, 100, out _));
        Assert.Equal(bytes.Count - 1 - 15, buffer.Length);

        var tooBig = new ReadOnlySequence<byte>(Hex.Parse("00000065"));
        Assert.Throws<FrameException>(() => FrameReader.TryRead(ref tooBig, 100, out _));
    }

    [Fact]
    public void FrameBuffer_grows_past_its_initial_size_and_resets()
    {
        using var frame = new FrameBuffer(8);
        byte[] big = new byte[100_000];
        big.AsSpan().Fill(7);
        MessageCodec.Write(frame, new SuccessResponse(1, new SuggestResult([System.Text.Encoding.ASCII.GetString(big)])));
        ReadOnlyMemory<byte> whole = frame.Complete();
        Assert.Equal(frame.PayloadLength + 4, whole.Length);
        Assert.Equal(whole.Length - 4, (whole.Span[0] << 24) | (whole.Span[1] << 16) | (whole.Span[2] << 8) | whole.Span[3]);
        Assert.Throws<FrameException>(() => frame.Complete(maxSize: 1000));
        frame.Reset();
        Assert.Equal(0, frame.PayloadLength);
    }

    // Returns at most a few bytes per read, as a socket under load may.
    private sealed class TrickleStream(Stream inner, int chunk) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
