using System.Buffers;

namespace Omg.Client;

/// <summary>
/// Writes frames from many callers with one writer at a time. Frames that arrive while a write is on the
/// wire are gathered and go out together in the next write, so a burst of concurrent calls costs a few
/// system calls instead of one each, and frames never interleave.
/// </summary>
internal sealed class CoalescingWriter
{
    private readonly Stream _stream;
    private readonly object _gate = new();
    private ArrayBufferWriter<byte> _queued = new(4096);
    private ArrayBufferWriter<byte> _sending = new(4096);
    private List<TaskCompletionSource> _queuedWaiters = [];
    private List<TaskCompletionSource> _sendingWaiters = [];
    private bool _flushing;
    private IOException? _failure;

    /// <summary>Writes to <paramref name="stream"/>.</summary>
    public CoalescingWriter(Stream stream) => _stream = stream;

    /// <summary>
    /// Queues a copy of <paramref name="frame"/> (so the caller may reuse its buffer at once) and returns a
    /// task that completes when it has been written, or fails with <see cref="IOException"/>.
    /// </summary>
    public Task WriteAsync(ReadOnlySpan<byte> frame)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }

            _queued.Write(frame);
            _queuedWaiters.Add(written);
            start = !_flushing;
            _flushing = true;
        }

        if (start)
        {
            // The first caller writes inline up to the first await: no thread hop when there is no burst.
            _ = FlushAsync();
        }

        return written.Task;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<TaskCompletionSource> waiters;
            lock (_gate)
            {
                if (_queued.WrittenCount == 0)
                {
                    _flushing = false;
                    return;
                }

                (_queued, _sending) = (_sending, _queued);
                (_queuedWaiters, _sendingWaiters) = (_sendingWaiters, _queuedWaiters);
                _queued.ResetWrittenCount();
                _queuedWaiters.Clear();
                waiters = _sendingWaiters;
            }

            try
            {
                // Never cancelled: half a frame on the wire would corrupt every frame after it.
                await _stream.WriteAsync(_sending.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                FailAll(waiters, ex as IOException ?? new IOException(ex.Message, ex));
                return;
            }

            foreach (TaskCompletionSource waiter in waiters)
            {
                waiter.TrySetResult();
            }
        }
    }

    private void FailAll(List<TaskCompletionSource> sending, IOException failure)
    {
        List<TaskCompletionSource> queued;
        lock (_gate)
        {
            _failure = failure;
            _flushing = false;
            queued = [.. _queuedWaiters];
            _queuedWaiters.Clear();
        }

        foreach (TaskCompletionSource waiter in sending.Concat(queued))
        {
            waiter.TrySetException(failure);
        }
    }
}
