using System.Diagnostics;
using Omg.Daemon.Metrics;
using Omg.Daemon.Packages;
using Xunit;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.Packages;

public sealed class IdleCompactionTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(600);

    // Timers count whole milliseconds of Environment.TickCount64; a stopwatch may see a wait a hair shorter.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task An_idle_daemon_collects_once_after_the_quiet_period()
    {
        var collected = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var compaction = new IdleCompaction(() => 0, () => collected.TrySetResult(clock.Elapsed), Quiet, Longest);

        compaction.Schedule(CancellationToken.None);

        TimeSpan at = await collected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(at >= Quiet - TimerSlack, $"collected after {at.TotalMilliseconds} ms, before the quiet period");
    }

    [Fact]
    public async Task Steady_requests_put_the_collection_off_until_the_longest_wait()
    {
        var collected = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();

        // A request answered "just now" at every check: never idle.
        var compaction = new IdleCompaction(() => Environment.TickCount64, () => collected.TrySetResult(clock.Elapsed), Quiet, Longest);

        compaction.Schedule(CancellationToken.None);

        TimeSpan at = await collected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(at >= Longest - TimerSlack, $"collected after {at.TotalMilliseconds} ms under load, before the longest wait");
    }

    [Fact]
    public async Task The_daemons_answered_requests_are_what_counts_as_activity()
    {
        var metrics = new DaemonMetrics();
        int collections = 0;
        bool busy = true;

        // A request is recorded just before every check while busy, so each check sees one "just now" by
        // DaemonMetrics' own clock however late a loaded machine runs the check: a sleep loop in the test could stall
        // past the quiet period and trip the collection itself.
        long LastActivity()
        {
            if (Volatile.Read(ref busy))
            {
                metrics.RecordRequest("Search", TimeSpan.FromMicroseconds(80), failed: false);
            }

            return metrics.LastRequestTick;
        }

        var compaction = new IdleCompaction(LastActivity, () => Interlocked.Increment(ref collections), Quiet, TimeSpan.FromSeconds(30));
        compaction.Schedule(CancellationToken.None);
        await Task.Delay(Quiet * 5);
        Volatile.Write(ref busy, false);

        Assert.Equal(0, Volatile.Read(ref collections));
        await Eventually.TrueAsync(() => Volatile.Read(ref collections) == 1);
    }

    [Fact]
    public async Task Asking_again_while_pending_joins_the_pending_collection()
    {
        int collections = 0;
        var compaction = new IdleCompaction(() => 0, () => Interlocked.Increment(ref collections), Quiet, Longest);

        compaction.Schedule(CancellationToken.None);
        compaction.Schedule(CancellationToken.None);
        compaction.Schedule(CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref collections) >= 1);
        await Task.Delay(Quiet * 3);
        Assert.Equal(1, Volatile.Read(ref collections));

        // Once it ran, the next build asks for a new one.
        compaction.Schedule(CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref collections) == 2);
    }

    [Fact]
    public async Task A_stopping_daemon_does_not_collect()
    {
        int collections = 0;
        var compaction = new IdleCompaction(() => 0, () => Interlocked.Increment(ref collections), Quiet, Longest);
        using var stopping = new CancellationTokenSource();

        compaction.Schedule(stopping.Token);
        stopping.Cancel();
        await Task.Delay(Quiet * 3);

        Assert.Equal(0, Volatile.Read(ref collections));
    }
}
