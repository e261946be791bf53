namespace Omg.Daemon.Packages;

/// <summary>
/// Hands an index build's garbage back to the system with a compacting collection once omgd is idle, rather
/// than right after the new index is published: the requests that waited for the index (the first command
/// after omgd starts) then waited ~150 ms more for the collection (docs/benchmarks.md). Under steady load
/// the collection still runs, <see cref="Longest"/> after it was asked for at the latest: a build leaves omgd
/// holding about twice the index's size (~250 MB here), more than it should for longer than a moment.
/// </summary>
internal sealed class IdleCompaction
{
    private readonly Func<long> _lastActivity;
    private readonly Action _collect;
    private int _scheduled;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="lastActivity">When the last request was answered, in <see cref="Environment.TickCount64"/> milliseconds (0 for never).</param>
    /// <param name="collect">The collection to run.</param>
    /// <param name="quiet">How long without requests counts as idle (default 250 ms).</param>
    /// <param name="longest">The longest a collection waits for idleness (default 1 s).</param>
    public IdleCompaction(Func<long> lastActivity, Action collect, TimeSpan? quiet = null, TimeSpan? longest = null)
    {
        _lastActivity = lastActivity;
        _collect = collect;
        Quiet = quiet ?? TimeSpan.FromMilliseconds(250);
        Longest = longest ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>How long without requests counts as idle.</summary>
    public TimeSpan Quiet { get; }

    /// <summary>The longest a collection waits for idleness.</summary>
    public TimeSpan Longest { get; }

    /// <summary>Asks for one collection; asking again while one is pending joins it.</summary>
    public void Schedule(CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = RunAsync(stopping);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        long asked = Environment.TickCount64;
        try
        {
            while (true)
            {
                await Task.Delay(Quiet, stopping).ConfigureAwait(false);
                long now = Environment.TickCount64;
                if (now - _lastActivity() >= Quiet.TotalMilliseconds || now - asked >= Longest.TotalMilliseconds)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Volatile.Write(ref _scheduled, 0);
            return;
        }

        // Cleared before collecting: a build published meanwhile asks for a collection of its own.
        Volatile.Write(ref _scheduled, 0);
        _collect();
    }
}
