namespace Omg.Daemon.Connections;

/// <summary>
/// The answer bytes one connection holds that its client has not taken yet (queued, or written but not yet accepted by
/// the socket), against Limits:MaxQueuedResponseBytes. The connection starts no new request while the budget is spent,
/// so a client that sends and never reads stops costing memory at the budget instead of growing without end (issue 19:
/// 797 MB from one such client, whose answers were bounded by count, 1,024, not by size).
/// </summary>
internal sealed class ResponseBudget(long limit)
{
    private readonly Lock _lock = new();
    private long _held;
    private TaskCompletionSource? _room;

    /// <summary>Counts an answer of <paramref name="bytes"/> made for the client.</summary>
    public void Hold(long bytes)
    {
        lock (_lock)
        {
            _held += bytes;
        }
    }

    /// <summary>Counts <paramref name="bytes"/> the client has taken (or that will never be sent).</summary>
    public void Release(long bytes)
    {
        TaskCompletionSource? room = null;
        lock (_lock)
        {
            _held -= bytes;
            if (_held < limit)
            {
                room = _room;
                _room = null;
            }
        }

        room?.TrySetResult();
    }

    /// <summary>Completes when the connection holds less than its budget.</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_held < limit)
            {
                return Task.CompletedTask;
            }

            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _room.Task.WaitAsync(cancellationToken);
        }
    }
}
