using Omg.Daemon.Tests.Support;
using Omg.Protocol.Messages;
using Xunit;

namespace Omg.Daemon.Tests.Connections;

/// <summary>Idle connections are closed, so held-open ones cannot keep every other client out (issue 19).</summary>
public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task A_connection_that_sends_nothing_is_closed_after_the_idle_timeout()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(true, "--Limits:IdleTimeoutSeconds=0.3");
        await using RawConnection idle = await daemon.ConnectAsync();
        Assert.IsType<SuccessResponse>(await idle.CallAsync(new PingRequest(1)));
        Assert.True(await idle.IsClosedByPeerAsync(10_000), "the idle connection stayed open");

        // New clients are served as before.
        await using RawConnection next = await daemon.ConnectAsync();
        Assert.IsType<SuccessResponse>(await next.CallAsync(new PingRequest(2)));
    }

    [Fact]
    public async Task A_connection_waiting_for_its_answer_is_not_idle()
    {
        // The search answers after 1.5 s, five idle timeouts: the connection must stay and get it.
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(true, "--Limits:IdleTimeoutSeconds=0.3");
        await using RawConnection waiting = await daemon.ConnectAsync();
        var answer = Assert.IsType<SuccessResponse>(await waiting.CallAsync(new SearchRequest(7, "slow:1500")));
        Assert.Equal(7UL, answer.Id);
    }

    [Fact]
    public async Task Zero_keeps_idle_connections()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(true, "--Limits:IdleTimeoutSeconds=0");
        await using RawConnection idle = await daemon.ConnectAsync();
        Assert.False(await idle.IsClosedByPeerAsync(1_000));
        Assert.IsType<SuccessResponse>(await idle.CallAsync(new PingRequest(1)));
    }
}
