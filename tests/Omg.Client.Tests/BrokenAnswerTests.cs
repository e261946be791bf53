using System.Net.Sockets;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;

namespace Omg.Client.Tests;

/// <summary>
/// An omgd that dies while it answers (issue 19: kill -9 mid-request): what arrived before the end is never taken
/// for an answer, and the client reports the broken connection and stays usable.
/// </summary>
public sealed class BrokenAnswerTests
{
    [Theory]
    [InlineData(2)] // inside the length prefix
    [InlineData(4)] // the prefix whole, no payload
    [InlineData(40)] // part of the payload
    public async Task A_frame_cut_off_by_the_end_of_the_stream_is_an_error_never_a_partial_result(int sent)
    {
        string path = TestDaemon.NewSocketPath();
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        var answer = new SearchResult(
            [.. Enumerable.Range(0, 20).Select(i => new PackageInfo($"package-{i}", "1.0", "a package", "apt", false))], 20);
        Task serving = Task.Run(async () =>
        {
            // Reads the request, writes the first bytes of a real answer to it, and dies.
            using Socket peer = await listener.AcceptAsync();
            await using var stream = new NetworkStream(peer);
            byte[]? request = await FrameReader.ReadAsync(stream, FrameLimits.MaxRequestSize);
            Assert.NotNull(request);
            using FrameBuffer frame = FrameBuffer.For(new SuccessResponse(MessageCodec.DecodeRequest(request).Id, answer));
            Assert.True(frame.Complete().Length > sent);
            await stream.WriteAsync(frame.Complete()[..sent]);
        });

        await using var client = new OmgClient(new OmgClientOptions { SocketPath = path, AutoStart = false });
        var lost = await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => client.SearchAsync("package"));
        await serving;
        Assert.Contains("broke while a request was in flight", lost.Message, StringComparison.Ordinal);
        Assert.Contains("the stream ended after", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_after_omgd_vanished_reports_it_and_the_client_still_closes_cleanly()
    {
        string path = TestDaemon.NewSocketPath();
        var daemon = TestDaemon.Start(path);
        var client = new OmgClient(new OmgClientOptions { SocketPath = path, AutoStart = false });
        Assert.Equal("pong", await client.PingAsync());
        await daemon.DisposeAsync();

        // The broken connection is replaced by none (nothing listens): once disposed on the way, it must not be
        // disposed again, neither by the next call nor by the client's own dispose (which threw ObjectDisposedException).
        await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => client.PingAsync());
        await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => client.PingAsync());
        await client.DisposeAsync();
    }
}
