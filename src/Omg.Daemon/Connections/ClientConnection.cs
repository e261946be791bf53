using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Omg.Daemon.Dispatch;
using Omg.Daemon.Limits;
using Omg.Daemon.Metrics;
using Omg.Protocol;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Connections;

/// <summary>
/// One client connection: a reader that decodes frames and starts each request at once, and a writer that
/// sends responses as they complete, coalescing whatever is ready into one write. Requests on a connection
/// therefore run concurrently and may be answered out of order; the client matches them by id.
/// </summary>
internal sealed partial class ClientConnection
{
    private const int CoalesceBytes = 64 * 1024;

    // How long, and how much past its frame limit, an oversized frame's payload is read and dropped before the close.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);
    private const int DrainLimitFactor = 4;

    // How often a connection that ended its input is checked for a peer that closed altogether.
    private static readonly TimeSpan PeerPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Socket _socket;
    private readonly PeerCredentials _peer;
    private readonly RequestDispatcher _dispatcher;
    private readonly RateLimiter _limiter;
    private readonly TokenBucket _bucket;
    private readonly DaemonMetrics _metrics;
    private readonly InFlightRequests _inFlight;
    private readonly DaemonLimits _limits;
    private readonly ILogger _logger;
    private readonly Channel<(FrameBuffer Frame, ReadOnlyMemory<byte> Bytes)> _outgoing;
    private readonly ResponseBudget _budget;
    private readonly CancellationTokenSource _closing;
    private readonly Lock _pendingLock = new();
    private int _pending;
    private TaskCompletionSource? _drained;

    public ClientConnection(
        Socket socket,
        PeerCredentials peer,
        RequestDispatcher dispatcher,
        RateLimiter limiter,
        DaemonMetrics metrics,
        InFlightRequests inFlight,
        DaemonLimits limits,
        ILogger logger,
        CancellationToken stopping)
    {
        _socket = socket;
        _peer = peer;
        _dispatcher = dispatcher;
        _limiter = limiter;
        _bucket = limiter.NewConnectionBucket();
        _metrics = metrics;
        _inFlight = inFlight;
        _limits = limits;
        _logger = logger;
        _closing = CancellationTokenSource.CreateLinkedTokenSource(stopping);

        // Answers are framed as they complete, so their size is known while they wait: the budget bounds them in bytes,
        // and a client that never reads them stops being read from (and is closed by the write timeout).
        _outgoing = Channel.CreateUnbounded<(FrameBuffer Frame, ReadOnlyMemory<byte> Bytes)>(new UnboundedChannelOptions { SingleReader = true });
        _budget = new ResponseBudget(Math.Max(1, limits.MaxQueuedResponseBytes));
    }

    /// <summary>Serves the connection until the client leaves, breaks a rule, or the daemon stops.</summary>
    public async Task RunAsync()
    {
        await using var stream = new NetworkStream(_socket, ownsSocket: true);
        PipeReader reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        PipeWriter writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        Task<Exception?> writing = WriteLoopAsync(writer, stream);
        try
        {
            await ReadLoopAsync(reader).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The daemon is stopping, the writer failed, or a frame timed out.
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            LogClientGone(_peer.Pid, ex.Message);
        }
        finally
        {
            await WaitForPendingAsync().ConfigureAwait(false);
            _outgoing.Writer.TryComplete();
            Exception? writeFailed = await writing.ConfigureAwait(false);
            await reader.CompleteAsync().ConfigureAwait(false);

            // Completed with the write's failure, the writer drops what it still holds; completed without, it would
            // write that to the departed client and throw (a client leaving mid-answer was logged as a failed connection).
            await writer.CompleteAsync(writeFailed).ConfigureAwait(false);
            _closing.Dispose();
        }
    }

    private async Task ReadLoopAsync(PipeReader reader)
    {
        CancellationToken closing = _closing.Token;
        TimeSpan frameTimeout = TimeSpan.FromSeconds(_limits.FrameTimeoutSeconds);
        TimeSpan idleTimeout = TimeSpan.FromSeconds(Math.Max(0, _limits.IdleTimeoutSeconds));
        long frameStarted = 0;
        while (true)
        {
            ReadResult result;
            if (frameStarted == 0 && idleTimeout > TimeSpan.Zero)
            {
                // Between frames: a connection that owes no answers and sends nothing for the idle timeout is closed.
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(closing);
                idle.CancelAfter(idleTimeout);
                try
                {
                    result = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!closing.IsCancellationRequested)
                {
                    if (Volatile.Read(ref _pending) > 0)
                    {
                        continue; // still working for this client: waiting for our answers is not idling
                    }

                    LogIdleClosed(_peer.Pid, idleTimeout.TotalSeconds);
                    return;
                }
            }
            else if (frameStarted == 0)
            {
                result = await reader.ReadAsync(closing).ConfigureAwait(false);
            }
            else
            {
                // A started frame must be finished in time; an idle connection between frames may wait forever.
                TimeSpan left = frameTimeout - Stopwatch.GetElapsedTime(frameStarted);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(closing);
                deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                try
                {
                    result = await reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!closing.IsCancellationRequested)
                {
                    LogFrameTimeout(_peer.Pid, frameTimeout.TotalSeconds);
                    return;
                }
            }

            (bool keepGoing, bool consumedFrames, long unconsumed, long oversized) = await ProcessFramesAsync(reader, result).ConfigureAwait(false);
            if (oversized > 0 && !result.IsCompleted)
            {
                await DrainAsync(reader, FrameLimits.HeaderSize + oversized).ConfigureAwait(false);
            }

            if (!keepGoing || result.IsCompleted)
            {
                return;
            }

            if (unconsumed == 0)
            {
                frameStarted = 0;
            }
            else if (frameStarted == 0 || consumedFrames)
            {
                frameStarted = Stopwatch.GetTimestamp();
            }
        }
    }

    // Decodes every whole frame in the buffer, advances the reader, then starts each request. Oversized is the declared
    // length of a frame over the limit (the connection then closes), else 0.
    private async ValueTask<(bool KeepGoing, bool ConsumedFrames, long Unconsumed, long Oversized)> ProcessFramesAsync(PipeReader reader, ReadResult result)
    {
        ReadOnlySequence<byte> buffer = result.Buffer;
        var work = new List<(Request? Request, Response? Answer)>();
        Response? closingError = null;
        long oversized = 0;
        try
        {
            while (FrameReader.TryRead(ref buffer, _limits.MaxRequestBytes, out ReadOnlySequence<byte> payload))
            {
                _metrics.AddBytesIn(payload.Length + FrameLimits.HeaderSize);
                work.Add(Decode(payload));
            }
        }
        catch (FrameException tooLarge)
        {
            LogFrameTooLarge(_peer.Pid, tooLarge.DeclaredLength, _limits.MaxRequestBytes);
            oversized = tooLarge.DeclaredLength;
            closingError = new ErrorResponse(0, ErrorCodes.ParseError, $"request frame of {tooLarge.DeclaredLength} bytes is over the limit of {_limits.MaxRequestBytes} bytes; closing the connection");
        }

        long unconsumed = buffer.Length;
        reader.AdvanceTo(buffer.Start, buffer.End);

        foreach ((Request? request, Response? answer) in work)
        {
            // Nothing new is started while the client holds its whole budget of unread answers.
            await _budget.WaitForRoomAsync(_closing.Token).ConfigureAwait(false);
            if (request is not null)
            {
                StartRequest(request);
            }
            else
            {
                Enqueue(answer!);
            }
        }

        if (closingError is not null)
        {
            Enqueue(closingError);
            return (false, work.Count > 0, unconsumed, oversized);
        }

        return (true, work.Count > 0, unconsumed, 0);
    }

    // A client that wrote the whole oversized frame before reading is still writing it, or has it unread in our buffer:
    // closing then fails its write or resets the connection, and the PARSE_ERROR it is owed is lost (issue 19: 1 time
    // in 3). So the payload is read and dropped, up to a few times the frame limit and for a moment, while the writer
    // sends the error; a client sending more or slower than that is closed regardless.
    // The frame's bytes are still in the reader, from its header on.
    private async Task DrainAsync(PipeReader reader, long frameBytes)
    {
        long limit = Math.Min(frameBytes, (long)_limits.MaxRequestBytes * DrainLimitFactor);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        grace.CancelAfter(DrainGrace);
        long drained = 0;
        try
        {
            while (drained < limit)
            {
                ReadResult result = await reader.ReadAsync(grace.Token).ConfigureAwait(false);
                drained += result.Buffer.Length;
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private (Request? Request, Response? Answer) Decode(ReadOnlySequence<byte> payload)
    {
        byte[]? copy = payload.IsSingleSegment ? null : payload.ToArray();
        ReadOnlySpan<byte> span = copy ?? payload.FirstSpan;
        try
        {
            return (MessageCodec.DecodeRequest(span), null);
        }
        catch (ProtocolException error)
        {
            return (null, _dispatcher.Undecodable(error));
        }
    }

    private void StartRequest(Request request)
    {
        if (request is not PingRequest)
        {
            if (_limiter.TryAdmit(_bucket, _peer.Uid, RequestCost.Of(request)) is { } refusal)
            {
                _metrics.RateLimitHit();
                Enqueue(new ErrorResponse(request.Id, ErrorCodes.RateLimited, refusal));
                return;
            }
        }

        _inFlight.Enter();
        Interlocked.Increment(ref _pending);
        ValueTask<Response> answer = _dispatcher.DispatchAsync(request, _closing.Token);
        if (answer.IsCompletedSuccessfully)
        {
            Finish(answer.Result);
            return;
        }

        _ = CompleteLaterAsync(answer);
    }

    private async Task CompleteLaterAsync(ValueTask<Response> answer)
    {
        Response response = await answer.ConfigureAwait(false);
        Finish(response);
    }

    private void Finish(Response response)
    {
        try
        {
            Enqueue(response);
        }
        finally
        {
            _inFlight.Exit();
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                lock (_pendingLock)
                {
                    _drained?.TrySetResult();
                }
            }
        }
    }

    private void Enqueue(Response response)
    {
        FrameBuffer frame = Encode(response);
        ReadOnlyMemory<byte> bytes = frame.Complete(int.MaxValue);
        _budget.Hold(bytes.Length);
        if (!_outgoing.Writer.TryWrite((frame, bytes)))
        {
            // The writer is gone (client left); nobody is there to answer.
            _budget.Release(bytes.Length);
            frame.Dispose();
        }
    }

    private async Task WaitForPendingAsync()
    {
        Task drained;
        lock (_pendingLock)
        {
            if (Volatile.Read(ref _pending) == 0)
            {
                return;
            }

            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
        }

        // The dispatcher answers every request within the request timeout, so this wait is bounded. A client that only
        // half-closed still reads its answers; one that closed its socket (Ctrl+C in a cmdlet) reads nothing, and its
        // work, a module run above all, is cancelled at once instead of left running to its own timeout.
        long started = Stopwatch.GetTimestamp();
        TimeSpan limit = TimeSpan.FromSeconds(_limits.RequestTimeoutSeconds + 1);
        while (!drained.IsCompleted && Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.WhenAny(drained, Task.Delay(PeerPollInterval)).ConfigureAwait(false);
            if (!drained.IsCompleted && PeerClosed())
            {
                await _closing.CancelAsync().ConfigureAwait(false);
                await Task.WhenAny(drained, Task.Delay(limit)).ConfigureAwait(false);
                return;
            }
        }
    }

    // A zero-byte send fails with EPIPE once the peer has closed its socket, and succeeds while it has only shut down
    // its sending side: the one way to tell the two apart after end of stream.
    private bool PeerClosed()
    {
        try
        {
            _socket.Send(ReadOnlySpan<byte>.Empty, SocketFlags.None);
            return false;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    // Returns why writing stopped early, or null when every answer was written.
    private async Task<Exception?> WriteLoopAsync(PipeWriter writer, NetworkStream stream)
    {
        Exception? failed = null;
        long unflushed = 0;
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_outgoing.Reader.TryRead(out (FrameBuffer Frame, ReadOnlyMemory<byte> Bytes) answer))
                {
                    bool large = answer.Bytes.Length >= CoalesceBytes;
                    using (answer.Frame)
                    {
                        if (large)
                        {
                            // A large answer (a SecurityAudit report is ~0.5 MB) goes to the socket as it is, after what
                            // is buffered before it: copied into the pipe it would be cut into 4 KiB segments, one send
                            // each, which made the audit's round trip several times longer than the copy alone.
                            await FlushAsync(writer).ConfigureAwait(false);
                            await WriteDirectAsync(stream, answer.Bytes).ConfigureAwait(false);
                        }
                        else
                        {
                            writer.Write(answer.Bytes.Span);
                        }
                    }

                    unflushed += answer.Bytes.Length;
                    _metrics.AddBytesOut(answer.Bytes.Length);
                    if (large || writer.UnflushedBytes >= CoalesceBytes)
                    {
                        // After a direct write the pipe holds nothing: this flush has nothing to send, and the release
                        // covers the answer just written.
                        await FlushAsync(writer).ConfigureAwait(false);
                        _budget.Release(unflushed);
                        unflushed = 0;
                    }
                }

                FlushResult flushed = await FlushAsync(writer).ConfigureAwait(false);
                _budget.Release(unflushed);
                unflushed = 0;
                if (flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            LogClientGone(_peer.Pid, ex.Message);
            failed = ex;
        }
        finally
        {
            // Nobody can be answered any more: stop reading, and let pending enqueues fall through.
            _outgoing.Writer.TryComplete();
            _budget.Release(unflushed);
            while (_outgoing.Reader.TryRead(out (FrameBuffer Frame, ReadOnlyMemory<byte> Bytes) dropped))
            {
                _budget.Release(dropped.Bytes.Length);
                dropped.Frame.Dispose();
            }

            try
            {
                await _closing.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
            }
        }

        return failed;
    }

    // A write the client does not take within the write timeout closes the connection: its socket buffer is full
    // because it is not reading, and its answers would otherwise be held for as long as it stays connected.
    private async ValueTask<FlushResult> FlushAsync(PipeWriter writer)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_limits.WriteTimeoutSeconds));
        try
        {
            return await writer.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogWriteTimeout(_peer.Pid, _limits.WriteTimeoutSeconds);
            throw;
        }
    }

    // The same write timeout as a flush: a client that does not take the answer closes the connection.
    private async ValueTask WriteDirectAsync(NetworkStream stream, ReadOnlyMemory<byte> bytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_limits.WriteTimeoutSeconds));
        try
        {
            await stream.WriteAsync(bytes, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogWriteTimeout(_peer.Pid, _limits.WriteTimeoutSeconds);
            throw;
        }
    }

    private FrameBuffer Encode(Response response)
    {
        var frame = new FrameBuffer(1024);
        MessageCodec.Write(frame, response);
        if (frame.PayloadLength > _limits.MaxResponseBytes)
        {
            int length = frame.PayloadLength;
            frame.Reset();
            MessageCodec.Write(frame, new ErrorResponse(response.Id, ErrorCodes.InternalError, $"response of {length} bytes is over the limit of {_limits.MaxResponseBytes} bytes"));
        }

        return frame;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "client pid {Pid} did not read its answers for {Seconds} s (Limits:WriteTimeoutSeconds); closing the connection")]
    private partial void LogWriteTimeout(int pid, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "client pid {Pid} gone: {Reason}")]
    private partial void LogClientGone(int pid, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "client pid {Pid} sent nothing and waited for nothing for {Seconds} s; closing the idle connection")]
    private partial void LogIdleClosed(int pid, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "client pid {Pid} did not finish a frame within {Seconds} s; closing the connection")]
    private partial void LogFrameTimeout(int pid, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "client pid {Pid} sent a frame of {Length} bytes (limit {Limit}); closing the connection")]
    private partial void LogFrameTooLarge(int pid, long length, int limit);
}
