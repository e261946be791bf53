using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Omg.Daemon.Handlers;
using Omg.Daemon.Hosting;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.Support;

/// <summary>A real omgd host started in the test process on a private socket.</summary>
internal sealed class InProcessDaemon : IAsyncDisposable
{
    private readonly TestPaths _paths;
    private readonly IHost _host;

    private InProcessDaemon(TestPaths paths, IHost host, ScriptedPackageHandler? packages, CapturedLogs logs)
    {
        _paths = paths;
        _host = host;
        Packages = packages;
        Logs = logs;
    }

    public string Socket => _paths.Socket;

    public ScriptedPackageHandler? Packages { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Everything the daemon logged, at every level.</summary>
    public CapturedLogs Logs { get; }

    public static async Task<InProcessDaemon> StartAsync(bool withPackages = true, params string[] settings)
    {
        var paths = new TestPaths();
        try
        {
            return await StartAsync(paths, withPackages, settings);
        }
        catch
        {
            paths.Dispose();
            throw;
        }
    }

    public static async Task<InProcessDaemon> StartAsync(TestPaths paths, bool withPackages, params string[] settings)
    {
        HostApplicationBuilder builder = DaemonHost.CreateBuilder(["--socket", paths.Socket, .. settings], withBackends: false);
        ScriptedPackageHandler? packages = withPackages ? new ScriptedPackageHandler() : null;
        if (packages is not null)
        {
            builder.Services.AddSingleton<IPackageHandler>(packages);
        }

        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.Logging.AddFilter<CapturedLogs>(null, LogLevel.Debug);
        IHost host = builder.Build();
        await host.StartAsync();
        return new InProcessDaemon(paths, host, packages, logs);
    }

    public Task<RawConnection> ConnectAsync() => RawConnection.ConnectAsync(Socket);

    public async Task StopAsync() => await _host.StopAsync();

    /// <summary>
    /// Waits until the daemon has <paramref name="expected"/> connections open, watching through Metrics on
    /// <paramref name="monitor"/> (itself one of them), so the connections under test are never read from.
    /// </summary>
    public static async Task<bool> WaitForActiveConnectionsAsync(RawConnection monitor, ulong expected, TimeSpan within)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        ulong id = 1_000_000;
        while (deadline.Elapsed < within)
        {
            var answer = (SuccessResponse)await monitor.CallAsync(new MetricsRequest(id++));
            if (((MetricsResult)answer.Result).ActiveConnections == expected)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
            _paths.Dispose();
        }
    }
}
