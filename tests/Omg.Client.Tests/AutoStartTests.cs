namespace Omg.Client.Tests;

[Collection(EnvironmentCollection.Name)]
public sealed class AutoStartTests
{
    [Fact]
    public async Task The_first_call_starts_the_daemon_named_by_OMG_DAEMON()
    {
        using var script = new FakeDaemonScript();
        await using var client = new OmgClient(script.Options());

        Assert.Equal("pong", await client.PingAsync());

        int pid = Assert.Single(script.StartedPids);
        Assert.Equal((ulong)pid, (await client.MetricsAsync()).Pid);
        Assert.Contains("listening on " + script.SocketPath, File.ReadAllText(script.LogFile));
    }

    [Fact]
    public async Task Racing_clients_start_one_daemon()
    {
        using var script = new FakeDaemonScript();
        OmgClient[] clients = Enumerable.Range(0, 4).Select(_ => new OmgClient(script.Options("--delay", "0.5"))).ToArray();

        string[] answers = await Task.WhenAll(clients.Select(c => Task.Run(() => c.PingAsync())));

        Assert.All(answers, a => Assert.Equal("pong", a));
        Assert.Single(script.StartedPids);
        foreach (OmgClient client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_daemon_that_fails_to_start_is_reported_with_its_log()
    {
        using var script = new FakeDaemonScript();
        await using var client = new OmgClient(script.Options("--fail"));

        var error = await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => client.PingAsync());

        Assert.Contains(script.SocketPath, error.Message);
        Assert.Contains("the socket does not exist", error.Message);
        Assert.Contains("auto-start failed", error.Message);
        Assert.Contains("exited with code 3", error.Message);
        Assert.Contains("failing on purpose", error.LogTail);
    }

    [Fact]
    public async Task A_missing_daemon_program_is_reported()
    {
        using var script = new FakeDaemonScript();
        await using var client = new OmgClient(script.Options() is var o ? new OmgClientOptions { SocketPath = o.SocketPath, DaemonPath = "/nonexistent/omgd" } : null);

        var error = await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => client.PingAsync());

        Assert.Contains("/nonexistent/omgd", error.Message);
    }

    [Fact]
    public async Task The_launcher_reports_an_already_running_daemon()
    {
        using var script = new FakeDaemonScript();
        var launcher = new DaemonLauncher(script.Options());

        Assert.True(await launcher.EnsureRunningAsync(script.SocketPath));
        Assert.False(await launcher.EnsureRunningAsync(script.SocketPath));
        Assert.Single(script.StartedPids);
    }

    [Fact]
    public void OMG_NO_AUTOSTART_1_turns_auto_start_off()
    {
        string? previous = Environment.GetEnvironmentVariable(OmgClientOptions.NoAutoStartVariable);
        try
        {
            Environment.SetEnvironmentVariable(OmgClientOptions.NoAutoStartVariable, "1");
            Assert.False(new OmgClientOptions().AutoStart);
            Environment.SetEnvironmentVariable(OmgClientOptions.NoAutoStartVariable, null);
            Assert.True(new OmgClientOptions().AutoStart);
        }
        finally
        {
            Environment.SetEnvironmentVariable(OmgClientOptions.NoAutoStartVariable, previous);
        }
    }
}
