using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omg.Client;
using Omg.Daemon.Handlers;
using Omg.Daemon.Hosting;
using Omg.Daemon.Packages;
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
    public static Task<InProcessDaemon> StartAsync(IPackageHandler? packages, params string[] settings) =>
        StartAsync(paths => DaemonHost.CreateBuilder(["--socket", paths.Socket, "--data-dir", paths.Directory, .. settings], withBackends: false), packages);

    /// <summary>
    /// Starts omgd with its real package backend on the fixture root (tests/fixtures/roots/basic), so that the
    /// cmdlets' logic meets what omgd really answers for that tree. A search for <c>hang</c> answers only after
    /// 2 s, for the Ctrl+C tests; everything else is the backend's own answer.
    /// </summary>
    public static Task<InProcessDaemon> StartWithFixtureAsync() =>
        StartAsync(
            paths =>
            {
                HostApplicationBuilder builder = DaemonHost.CreateBuilder(["--socket", paths.Socket, "--data-dir", paths.Directory, "--root", FixtureRoot]);
                builder.Services.AddSingleton<IPackageHandler>(services => new SlowSearch(services.GetRequiredService<PackageBackend>()));
                return builder;
            },
            packages: null);

    /// <summary>The fixture root the real backend reads.</summary>
    public static string FixtureRoot => Path.Combine(AppContext.BaseDirectory, "fixtures", "roots", "basic");

    private static async Task<InProcessDaemon> StartAsync(Func<TestPaths, HostApplicationBuilder> create, IPackageHandler? packages)
    {
        var paths = new TestPaths();
        try
        {
            HostApplicationBuilder builder = create(paths);
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
