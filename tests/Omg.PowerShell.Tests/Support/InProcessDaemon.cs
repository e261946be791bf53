using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omg.Client;
using Omg.Daemon.Handlers;
using Omg.Daemon.Hosting;
using Omg.Tests.Shared;

namespace Omg.PowerShell.Tests.Support;

/// <summary>A real omgd host started in the test process on a private socket.</summary>
internal sealed class InProcessDaemon : IAsyncDisposable
{
    private readonly TestPaths _paths;
    private readonly IHost _host;

    private InProcessDaemon(TestPaths paths, IHost host)
    {
        _paths = paths;
        _host = host;
    }

    public string Socket => _paths.Socket;

    /// <summary>Starts omgd; <paramref name="packages"/> null leaves omgd without a package backend.</summary>
    public static async Task<InProcessDaemon> StartAsync(IPackageHandler? packages, params string[] settings)
    {
        var paths = new TestPaths();
        try
        {
            HostApplicationBuilder builder = DaemonHost.CreateBuilder(["--socket", paths.Socket, .. settings], withBackends: false);
            if (packages is not null)
            {
                builder.Services.AddSingleton(packages);
            }

            IHost host = builder.Build();
            await host.StartAsync();
            return new InProcessDaemon(paths, host);
        }
        catch
        {
            paths.Dispose();
            throw;
        }
    }

    public static Task<InProcessDaemon> StartWithFixtureAsync() => StartAsync(new FixturePackages());

    /// <summary>A client that must not start a daemon of its own.</summary>
    public OmgClient Connect() => new(new OmgClientOptions { SocketPath = Socket, AutoStart = false });

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
