using System.Diagnostics;
using Omg.Daemon.Tests.Support;
using Omg.Protocol;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;
using Xunit;

namespace Omg.Daemon.Tests.Connections;

/// <summary>One process cannot take every connection slot and lock the others out (issue 19).</summary>
public sealed class ConnectionCapTests
{
    [Fact]
    public async Task A_process_over_its_cap_is_refused_while_another_process_is_served()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(true, "--Limits:MaxConnectionsPerProcess=3");
        var held = new List<RawConnection>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                RawConnection connection = await daemon.ConnectAsync();
                held.Add(connection);
                Assert.IsType<SuccessResponse>(await connection.CallAsync(new PingRequest((ulong)i + 1)));
            }

            await using (RawConnection fourth = await daemon.ConnectAsync())
            {
                var refused = Assert.IsType<ErrorResponse>(await fourth.ReceiveAsync());
                Assert.Equal(ErrorCodes.RateLimited, refused.Code);
                Assert.Contains("per process", refused.Message, StringComparison.Ordinal);
            }

            // Another process, with the test process still at its cap, is served.
            Assert.Equal("success", await PingFromAnotherProcessAsync(daemon.Socket));

            // A slot freed by this process is its own again.
            await held[0].DisposeAsync();
            held.RemoveAt(0);
            RawConnection again = await RetryConnectAsync(daemon);
            held.Add(again);
        }
        finally
        {
            foreach (RawConnection connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    // The server counts the close when it sees it; a new connection may race that by a moment.
    private static async Task<RawConnection> RetryConnectAsync(InProcessDaemon daemon)
    {
        for (int attempt = 0; ; attempt++)
        {
            RawConnection connection = await daemon.ConnectAsync();
            await connection.SendAsync(new PingRequest(99));
            if (await connection.ReceiveAsync() is SuccessResponse || attempt == 50)
            {
                return connection;
            }

            await connection.DisposeAsync();
            await Task.Delay(20);
        }
    }

    private static async Task<string> PingFromAnotherProcessAsync(string socket)
    {
        using FrameBuffer frame = FrameBuffer.For(new PingRequest(7));
        string hex = Convert.ToHexString(frame.Complete().Span);
        const string Script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sys.argv[1])
            s.sendall(bytes.fromhex(sys.argv[2]))
            head = s.recv(4, socket.MSG_WAITALL)
            body = s.recv(int.from_bytes(head, "big"), socket.MSG_WAITALL)
            print((head + body).hex())
            """;
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script, socket, hex]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process python = Process.Start(start)!;
        string output = (await python.StandardOutput.ReadToEndAsync()).Trim();
        string error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, error);
        byte[] answer = Convert.FromHexString(output);
        Response response = MessageCodec.DecodeResponse(answer.AsSpan(FrameLimits.HeaderSize));
        return response is SuccessResponse ? "success" : response.ToString()!;
    }
}
