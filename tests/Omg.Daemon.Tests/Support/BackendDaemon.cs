using Microsoft.Extensions.Hosting;
using Omg.Daemon.Hosting;
using Omg.Daemon.Packages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.Support;

/// <summary>A real omgd, with its package backend, serving a given root on a private socket.</summary>
internal sealed class BackendDaemon : IAsyncDisposable
{
    private readonly TestPaths _paths;
    private readonly IHost _host;

    private BackendDaemon(TestPaths paths, IHost host)
    {
        _paths = paths;
        _host = host;
    }

    public string Socket => _paths.Socket;

    public static async Task<BackendDaemon> StartAsync(string root)
    {
        var paths = new TestPaths();
        IHost host = DaemonHost.CreateBuilder(["--socket", paths.Socket, "--root", root]).Build();
        await host.StartAsync();
        await ((PackageBackend)host.Services.GetService(typeof(PackageBackend))!).Service.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return new BackendDaemon(paths, host);
    }

    public Task<RawConnection> ConnectAsync() => RawConnection.ConnectAsync(Socket);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _paths.Dispose();
    }
}
