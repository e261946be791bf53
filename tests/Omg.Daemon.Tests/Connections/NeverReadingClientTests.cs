using Omg.Daemon.Tests.Support;
using Omg.Protocol.Messages;
using Xunit;

namespace Omg.Daemon.Tests.Connections;

/// <summary>
/// A client that sends and never reads costs a bounded number of answer bytes and is closed by the write timeout
/// (issue 19: one such client grew RSS 130 to 797 MB in 45 s and was never closed).
/// </summary>
public sealed class NeverReadingClientTests
{
    private const string Unlimited = "1000000";

    [Fact]
    public async Task Its_answers_stop_being_made_at_the_byte_budget_and_the_write_timeout_closes_it()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(
            true,
            "--Limits:MaxQueuedResponseBytes=1048576",
            "--Limits:WriteTimeoutSeconds=1",
            "--Limits:ConnectionRate=" + Unlimited,
            "--Limits:ConnectionBurst=" + Unlimited,
            "--Limits:UidRate=" + Unlimited,
            "--Limits:UidBurst=" + Unlimited);
        await using RawConnection monitor = await daemon.ConnectAsync();
        await using RawConnection greedy = await daemon.ConnectAsync();

        // 400 answers of 100 KB: 40 MB if all were made, against a 1 MiB budget and a few hundred KB of socket buffers.
        // On a loaded machine the write timeout can close the connection before all 400 are written: the rest then
        // fail with a broken pipe, which is the closing this test waits for, not a failure.
        try
        {
            for (ulong i = 0; i < 400; i++)
            {
                await greedy.SendAsync(new SearchRequest(i + 1, "big:100000"));
            }
        }
        catch (IOException)
        {
        }

        Assert.True(await InProcessDaemon.WaitForActiveConnectionsAsync(monitor, 1, TimeSpan.FromSeconds(30)), "the never-reading connection was not closed");
        Assert.Contains(daemon.Logs.Entries, e => e.Message.Contains("did not read", StringComparison.Ordinal));
        Assert.InRange(daemon.Packages!.Searches, 1, 60);

        // The daemon serves the others as before.
        Assert.IsType<SuccessResponse>(await monitor.CallAsync(new SearchRequest(9, "vim")));
    }

    [Fact]
    public async Task A_slow_reader_within_the_timeout_gets_every_answer()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(
            true,
            "--Limits:MaxQueuedResponseBytes=262144",
            "--Limits:WriteTimeoutSeconds=10",
            "--Limits:ConnectionRate=" + Unlimited,
            "--Limits:ConnectionBurst=" + Unlimited);
        await using RawConnection client = await daemon.ConnectAsync();
        const int Count = 100;
        for (ulong i = 0; i < Count; i++)
        {
            await client.SendAsync(new SearchRequest(i + 1, "big:50000"));
        }

        var seen = new HashSet<ulong>();
        for (int i = 0; i < Count; i++)
        {
            var answer = Assert.IsType<SuccessResponse>(await client.ReceiveAsync(30_000));
            Assert.Equal(50000, Assert.Single(Assert.IsType<SearchResult>(answer.Result).Packages).Description.Length);
            Assert.True(seen.Add(answer.Id));
            if (i % 10 == 0)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(Count, seen.Count);
    }
}
