namespace Omg.Client.Tests.Cli;

[Collection(EnvironmentCollection.Name)]
public sealed class DaemonVerbTests
{
    [Fact]
    public async Task Daemon_start_then_stop_starts_one_daemon_and_stops_it_with_SIGTERM()
    {
        using var script = new FakeDaemonScript();
        string[] socket = ["--socket", script.SocketPath];

        CliRun start = await CliRun.RunAsync([.. socket, "daemon", "start"]);
        CliRun again = await CliRun.RunAsync([.. socket, "daemon", "start"]);
        CliRun ping = await CliRun.RunAsync([.. socket, "--no-autostart", "ping"]);
        CliRun stop = await CliRun.RunAsync([.. socket, "daemon", "stop"]);
        CliRun after = await CliRun.RunAsync([.. socket, "daemon", "status"]);

        Assert.Equal(0, start.ExitCode);
        Assert.Contains("Note:       started", start.Out);
        Assert.Contains("Note:       already running", again.Out);
        int pid = Assert.Single(script.StartedPids);
        Assert.Contains($"Pid:        {pid}", start.Out);
        Assert.Equal(0, ping.ExitCode);
        Assert.Equal(0, stop.ExitCode);
        Assert.Contains("Note:       stopped", stop.Out);
        Assert.False(File.Exists(script.SocketPath));
        Assert.Equal(3, after.ExitCode);
    }

    [Fact]
    public async Task Commands_auto_start_the_daemon_unless_told_not_to()
    {
        using var script = new FakeDaemonScript();

        CliRun refused = await CliRun.RunAsync("--socket", script.SocketPath, "--no-autostart", "ping");
        IReadOnlyList<int> before = script.StartedPids;
        CliRun started = await CliRun.RunAsync("--socket", script.SocketPath, "ping");

        Assert.Equal(3, refused.ExitCode);
        Assert.Empty(before);
        Assert.Equal(0, started.ExitCode);
        Assert.Single(script.StartedPids);
    }
}
