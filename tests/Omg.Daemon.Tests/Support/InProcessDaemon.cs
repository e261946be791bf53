using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omg.Daemon.Handlers;
using Omg.Daemon.Hosting;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.Support;

/// <summary>A real omgd host started in the test process on a private socket.</summary>
internal sealed class InProcessDaemon : IAsyncDisposable
{
    private readonly TestPaths _paths;
    private readonly IHost _host;

    private InProcessDaemon(TestPaths paths, IHost host, ScriptedPackageHandler? packages)
    {
        _paths = paths;
        _host = host;
        Packages = packages;
    }

    public string Socket => _paths.Socket;

    public ScriptedPackageHandler? Packages { get; }

    public IServiceProvider Services => _host.Services;

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

        IHost host = builder.Build();
        await host.StartAsync();
        return new InProcessDaemon(paths, host, packages);
    }

    public Task<RawConnection> ConnectAsync() => RawConnection.ConnectAsync(Socket);

    public async Task StopAsync() => await _host.StopAsync();

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
