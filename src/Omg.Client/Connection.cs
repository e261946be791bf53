using System.Collections.Concurrent;
using System.Net.Sockets;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;

namespace Omg.Client;

/// <summary>
/// One Unix-socket connection to omgd that many calls share: requests go out through one coalescing
/// writer, and one reader loop hands each response to the call waiting for its id.
/// </summary>
internal sealed class Connection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<Response>> _pending = new();
    private readonly CoalescingWriter _writer;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _readLoop;
    private Exception? _failure;
    private ErrorResponse? _unattributed;

    private Connection(string socketPath, Socket socket)
    {
        SocketPath = socketPath;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _writer = new CoalescingWriter(_stream);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>The socket this connection is on.</summary>
    public string SocketPath { get; }

    /// <summary>True once the connection has broken or was closed; it is never used again.</summary>
    public bool IsBroken => Volatile.Read(ref _failure) is not null;

    /// <summary>Calls waiting for an answer.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Connects to <paramref name="socketPath"/>.</summary>
    /// <exception cref="SocketException">Nobody listens, or the socket cannot be reached.</exception>
    /// <exception cref="TimeoutException">Connecting took longer than <paramref name="timeout"/>.</exception>
    public static async Task<Connection> ConnectAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"connecting to {socketPath} took longer than {timeout.TotalSeconds:0.###} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new Connection(socketPath, socket);
    }

    /// <summary>Registers a call before its request is written, so even an instant answer finds it.</summary>
    public Task<Response> Expect(ulong id)
    {
        var completion = new TaskCompletionSource<Response>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(id, completion))
        {
            throw new InvalidOperationException($"request id {id} is already in flight");
        }

        // A connection that broke between the caller's check and now would never answer.
        if (Volatile.Read(ref _failure) is { } failure && _pending.TryRemove(id, out _))
        {
            completion.TrySetException(Unavailable(failure));
        }

        return completion.Task;
    }

    /// <summary>Stops waiting for <paramref name="id"/>; its answer, if it still comes, is dropped.</summary>
    public void Forget(ulong id) => _pending.TryRemove(id, out _);

    /// <summary>Writes one complete frame; it is copied, so the caller may reuse its buffer at once.</summary>
    /// <exception cref="IOException">The connection is broken.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while queued; the frame may still be sent.</exception>
    public async Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new IOException($"the connection to {SocketPath} is broken: {failure.Message}", failure);
        }

        try
        {
            await _writer.WriteAsync(frame.Span).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            Fail(ex);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Fail(new ObjectDisposedException(nameof(OmgClient), "the client was closed"));
        _shutdown.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone; closing is all that is left to do.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        await _readLoop.ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                byte[]? payload = await FrameReader.ReadAsync(_stream, FrameLimits.MaxResponseSize, _shutdown.Token).ConfigureAwait(false);
                if (payload is null)
                {
                    Fail(new IOException("omgd closed the connection"));
                    return;
                }

                Response response = MessageCodec.DecodeResponse(payload);
                if (response is ErrorResponse { Id: 0 } unattributed)
                {
                    Unattributed(unattributed);
                    continue;
                }

                // A normal answer after an unattributed error shows the connection lived on: the error was not
                // about the calls still waiting.
                Volatile.Write(ref _unattributed, null);
                if (_pending.TryRemove(response.Id, out TaskCompletionSource<Response>? completion))
                {
                    completion.TrySetResult(response);
                }

                // Else the call timed out or was cancelled: its late answer is dropped on purpose.
            }
        }
        catch (Exception ex)
        {
            // Any read failure (reset, a truncated or undecodable frame) leaves the stream at an unknown
            // position, so the connection cannot be trusted for another frame.
            Fail(ex);
        }
    }

    // omgd answers with id 0 what it cannot tie to one request (a frame over its size limit, a connection over
    // its limit) and mostly closes the connection afterwards; calls never use id 0. A lone waiting call is the
    // one it is about and gets it now; otherwise the calls still waiting when the connection closes get it
    // rather than a bare "connection closed", which would hide why.
    private void Unattributed(ErrorResponse error)
    {
        if (_pending.Count != 1)
        {
            Volatile.Write(ref _unattributed, error);
            return;
        }

        foreach (ulong id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out TaskCompletionSource<Response>? completion))
            {
                completion.TrySetResult(error with { Id = id });
            }
        }
    }

    private void Fail(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _failure, reason, null) is not null)
        {
            return;
        }

        ErrorResponse? unattributed = Volatile.Read(ref _unattributed);
        foreach (ulong id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out TaskCompletionSource<Response>? completion))
            {
                if (unattributed is not null)
                {
                    completion.TrySetResult(unattributed with { Id = id });
                }
                else
                {
                    completion.TrySetException(Unavailable(reason));
                }
            }
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Shutting down only wakes the reader; a socket that is already gone needs no waking.
        }
    }

    private OmgDaemonUnavailableException Unavailable(Exception reason) =>
        new(SocketPath, $"the connection to omgd at {SocketPath} broke while a request was in flight: {reason.Message}", innerException: reason);
}
