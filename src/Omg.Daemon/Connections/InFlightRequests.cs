namespace Omg.Daemon.Connections;

/// <summary>Counts requests being handled across all connections, so a stop can wait for them.</summary>
internal sealed class InFlightRequests
{
    private readonly Lock _lock = new();
    private int _count;
    private TaskCompletionSource? _idle;

    /// <summary>Requests being handled now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts a request in.</summary>
    public void Enter() => Interlocked.Increment(ref _count);

    /// <summary>Counts a request out.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) == 0)
        {
            lock (_lock)
            {
                _idle?.TrySetResult();
            }
        }
    }

    /// <summary>Waits until no request is in flight, or <paramref name="timeout"/> passes.</summary>
    /// <returns>True when idle.</returns>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout)
    {
        Task idle;
        lock (_lock)
        {
            if (Count == 0)
            {
                return true;
            }

            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }

        return await Task.WhenAny(idle, Task.Delay(timeout)).ConfigureAwait(false) == idle || Count == 0;
    }
}
