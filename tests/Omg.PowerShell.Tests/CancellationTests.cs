using System.Management.Automation;
using Omg.Client;
using Omg.PowerShell.Tests.Support;

namespace Omg.PowerShell.Tests;

public sealed class CancellationTests
{
    [Fact]
    public async Task Stop_processing_cancels_the_request_in_flight()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        using var cmdlet = new ProbeCmdlet { Socket = daemon.Socket };
        var entered = new TaskCompletionSource();
        Task run = Task.Run(() => cmdlet.Run(ct =>
        {
            entered.SetResult();
            return cmdlet.SearchAsync("hang", ct);
        }));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);

        cmdlet.Stop();

        await Assert.ThrowsAsync<PipelineStoppedException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        // The connection survives for the next command: the daemon still answers.
        await using OmgClient client = daemon.Connect();
        Assert.Equal("vim", (await client.InfoAsync("vim")).Name);
    }

    [Fact]
    public void A_stopped_cmdlet_sends_nothing_more()
    {
        using var cmdlet = new ProbeCmdlet { Socket = "/nonexistent/omg.sock" };
        cmdlet.Stop();
        bool called = false;

        Assert.Throws<PipelineStoppedException>(() => cmdlet.Run(_ =>
        {
            called = true;
            return Task.FromResult(0);
        }));
        Assert.False(called);
    }

    [Fact]
    public void Failures_other_than_cancellation_propagate_unchanged()
    {
        using var cmdlet = new ProbeCmdlet { Socket = "/nonexistent/omg.sock" };
        Assert.Throws<TimeoutException>(() => cmdlet.Run<int>(_ => throw new TimeoutException("slow")));
        Assert.Throws<OperationCanceledException>(() => cmdlet.Run<int>(_ => throw new OperationCanceledException("not ours")));
    }

    /// <summary>Reaches the base class's protected plumbing the way a cmdlet does.</summary>
    private sealed class ProbeCmdlet : OmgCmdlet
    {
        public T Run<T>(Func<CancellationToken, Task<T>> work) => Invoke(work);

        public Task<Omg.Protocol.Messages.SearchResult> SearchAsync(string query, CancellationToken ct) => Client.SearchAsync(query, null, ct);

        public void Stop() => StopProcessing();

        // Outside pwsh there is no provider to resolve against; the tests give full paths.
        protected override string ResolvePath(string path) => path;
    }
}
