using System.Net.Sockets;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;

namespace Omg.Client;

/// <summary>Asks a socket whether a working omgd is behind it.</summary>
internal static class DaemonProbe
{
    /// <summary>True when something on <paramref name="socketPath"/> answers Ping within <paramref name="timeout"/>.</summary>
    public static async Task<bool> PingAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await using Connection connection = await Connection.ConnectAsync(socketPath, timeout, timeoutSource.Token).ConfigureAwait(false);
            Task<Response> answer = connection.Expect(1);
            using FrameBuffer frame = FrameBuffer.For(new PingRequest(1));
            await connection.WriteAsync(frame.Complete(FrameLimits.MaxRequestSize), timeoutSource.Token).ConfigureAwait(false);
            return await answer.WaitAsync(timeoutSource.Token).ConfigureAwait(false) is SuccessResponse;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or OmgDaemonUnavailableException)
        {
            return false;
        }
    }
}
