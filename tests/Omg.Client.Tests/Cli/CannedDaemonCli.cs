namespace Omg.Client.Tests.Cli;

/// <summary>In-process <c>omg</c> runs against a <see cref="TestDaemon"/> of the test's own, which answers with canned results.</summary>
public abstract class CannedDaemonCli : IAsyncLifetime
{
    private protected TestDaemon Daemon { get; } = TestDaemon.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Daemon.DisposeAsync().AsTask();

    /// <summary>Runs <c>omg</c> on the daemon's socket, never auto-starting one, with no width to fit.</summary>
    private protected Task<CliRun> Omg(params string[] args) => CliRun.RunAsync(["--socket", Daemon.SocketPath, "--no-autostart", .. args]);
}
