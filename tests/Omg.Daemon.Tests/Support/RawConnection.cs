using System.Net.Sockets;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Tests.Support;

/// <summary>A bare protocol connection for tests: sends frames (or any bytes) and reads responses.</summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<RawConnection> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return new RawConnection(socket);
    }

    public async Task SendAsync(Request request)
    {
        using FrameBuffer frame = FrameBuffer.For(request);
        await _stream.WriteAsync(frame.Complete());
    }

    public async Task SendBytesAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public async Task SendPayloadAsync(byte[] payload)
    {
        byte[] header = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, (uint)payload.Length);
        await _stream.WriteAsync(header.Concat(payload).ToArray());
    }

    /// <summary>Reads one response, or null when the daemon closed the connection.</summary>
    public async Task<Response?> ReceiveAsync(int timeoutMs = 10_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        byte[]? payload = await FrameReader.ReadAsync(_stream, FrameLimits.MaxResponseSize, timeout.Token);
        return payload is null ? null : MessageCodec.DecodeResponse(payload);
    }

    public async Task<Response> CallAsync(Request request)
    {
        await SendAsync(request);
        return await ReceiveAsync() ?? throw new IOException("connection closed without an answer");
    }

    /// <summary>True when the daemon has closed the connection (reads end).</summary>
    public async Task<bool> IsClosedByPeerAsync(int timeoutMs = 5_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        byte[] buffer = new byte[1];
        try
        {
            while (true)
            {
                int n = await _stream.ReadAsync(buffer, timeout.Token);
                if (n == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Shuts down the sending side only, as a client that has sent everything and still reads its answers.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
