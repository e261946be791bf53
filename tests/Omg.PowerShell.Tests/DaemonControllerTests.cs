using Omg.Client;
using Omg.PowerShell.Tests.Support;
using Omg.Tests.Shared;

namespace Omg.PowerShell.Tests;

public sealed class DaemonControllerTests
{
    [Fact]
    public async Task Get_describes_a_running_daemon_from_its_metrics()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();

        DaemonInfo info = await DaemonController.GetAsync(new OmgClientOptions { SocketPath = daemon.Socket }, CancellationToken.None);

        Assert.True(info.Reachable);
        Assert.Equal("running", info.State);
        Assert.Equal(Environment.ProcessId, info.Pid);
        Assert.Equal(daemon.Socket, info.Socket);
        Assert.False(string.IsNullOrEmpty(info.Version));
    }

    [Fact]
    public async Task Get_never_starts_a_daemon()
    {
        using var paths = new TestPaths();

        DaemonInfo info = await DaemonController.GetAsync(new OmgClientOptions { SocketPath = paths.Socket, AutoStart = true }, CancellationToken.None);

        Assert.False(info.Reachable);
        Assert.Equal("not running", info.State);
        Assert.False(File.Exists(paths.Socket));
    }

    [Fact]
    public async Task Stop_refuses_to_signal_its_own_process()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        DaemonInfo info = await DaemonController.GetAsync(new OmgClientOptions { SocketPath = daemon.Socket }, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidDataException>(() => DaemonController.StopAsync(info, CancellationToken.None));
    }

    [Fact]
    public async Task Stop_of_an_unreachable_daemon_does_nothing()
    {
        DaemonInfo gone = OutputMapper.Unreachable("/tmp/none.sock", "not running");
        Assert.Same(gone, await DaemonController.StopAsync(gone, CancellationToken.None));
    }

    [Fact]
    public async Task Start_then_stop_a_real_omgd_process_beside_the_module()
    {
        using var paths = new TestPaths();
        string omgd = Path.Combine(RepositoryPaths.DependencyOutput, "omgd.dll");
        var options = new OmgClientOptions { SocketPath = paths.Socket, DaemonPath = omgd, StartTimeout = TimeSpan.FromSeconds(30) };

        DaemonInfo started = await DaemonController.StartAsync(options, CancellationToken.None);
        try
        {
            Assert.True(started.Reachable);
            Assert.Equal("started", started.State);
            Assert.NotEqual(Environment.ProcessId, started.Pid);

            DaemonInfo again = await DaemonController.StartAsync(options, CancellationToken.None);
            Assert.Equal("already running", again.State);
            Assert.Equal(started.Pid, again.Pid);
        }
        finally
        {
            DaemonInfo stopped = await DaemonController.StopAsync(started, CancellationToken.None);
            Assert.Equal("stopped", stopped.State);
        }

        Assert.False(File.Exists(paths.Socket));
        Assert.False((await DaemonController.GetAsync(options, CancellationToken.None)).Reachable);
    }

    [Fact]
    public async Task Start_without_an_omgd_is_daemon_unavailable_saying_what_was_tried()
    {
        using var paths = new TestPaths();
        var options = new OmgClientOptions { SocketPath = paths.Socket, DaemonPath = Path.Combine(paths.Directory, "no-omgd"), StartTimeout = TimeSpan.FromSeconds(2) };

        var error = await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => DaemonController.StartAsync(options, CancellationToken.None));

        OmgErrorDescriptor descriptor = ErrorRecordFactory.Describe(error);
        Assert.Equal("OmgDaemonUnavailable", descriptor.ErrorId);
        Assert.True(descriptor.Terminating);
        Assert.Contains(paths.Socket, descriptor.Message, StringComparison.Ordinal);
    }
}
