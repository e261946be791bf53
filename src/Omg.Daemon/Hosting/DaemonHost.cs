using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Omg.Daemon.Audit;
using Omg.Daemon.Dispatch;
using Omg.Daemon.Handlers;
using Omg.Daemon.Packages;
using Omg.Daemon.Metrics;

namespace Omg.Daemon.Hosting;

/// <summary>Builds omgd's Generic Host: configuration, logging, the server and the dispatcher.</summary>
public static class DaemonHost
{
    /// <summary>
    /// A host builder with omgd's configuration sources (appsettings.json next to the binary, <c>OMG_*</c>
    /// environment variables, then the command line) and services. Callers may add handlers before building.
    /// </summary>
    /// <param name="configurationArgs">Configuration arguments (<c>--socket</c>, <c>--root</c>, <c>--Key=Value</c>).</param>
    /// <param name="withBackends">False for a bare daemon whose handlers the caller registers (tests).</param>
    public static HostApplicationBuilder CreateBuilder(string[] configurationArgs, bool withBackends = true)
    {
        // appsettings.json is read once at start, not watched: a watch costs an inotify instance, of which a
        // user has 128 by default, and when they had run out the host's own watcher made omgd fail to start.
        // The package sources fall back to polling in that case (PathWatcher); configuration needs no watch.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
            Configuration = configuration,
        });

        builder.Configuration.AddEnvironmentVariables("OMG_");
        builder.Configuration.AddCommandLine(configurationArgs, DaemonCommandLine.SwitchMappings.ToDictionary());

        builder.Logging.ClearProviders();
        switch (LogFormat.Choose(builder.Configuration))
        {
            case LogFormat.Json:
                builder.Logging.AddJsonConsole(json =>
                {
                    json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                    json.UseUtcTimestamp = true;
                });
                break;
            case LogFormat.Systemd:
                builder.Logging.AddSystemdConsole();
                break;
            default:
                builder.Logging.AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff ";
                    console.UseUtcTimestamp = true;
                });
                break;
        }

        // A service manager that waits for readiness (systemd's Type=notify) says where in NOTIFY_SOCKET; omgd
        // then sends READY=1 once every hosted service has started, the socket bound, and STOPPING=1 at stop.
        // AddSystemd() would do this only when omgd's parent process is systemd itself, so not when omgd is
        // started through a wrapper (a `dotnet omgd.dll` line, a shell script) that passes NOTIFY_SOCKET on: the
        // variable is what sd_notify goes by, so it is what decides here too.
        if (OperatingSystem.IsLinux() && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")))
        {
            builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            builder.Services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }

        // The host logs a failed start at Error with the exception's stack trace, before the exception reaches
        // Program, which prints the one line that says why (a taken socket, an unusable path). Its Critical messages
        // (a background service that stopped the host, with the exception) still come through.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        builder.Services.Configure<DaemonOptions>(builder.Configuration);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<DaemonMetrics>();
        builder.Services.AddSingleton<RequestDispatcher>();
        builder.Services.AddSingleton<SocketServer>();
        if (withBackends)
        {
            // Started before the server, so the first index build overlaps the socket setup.
            builder.Services.AddSingleton<PackageBackend>();
            builder.Services.AddSingleton<IPackageHandler>(services => services.GetRequiredService<PackageBackend>());
            builder.Services.AddHostedService(services => services.GetRequiredService<PackageBackend>());
            builder.Services.AddSingleton<AuditBackend>();
            builder.Services.AddSingleton<IAuditHandler>(services => services.GetRequiredService<AuditBackend>());
            builder.Services.AddHostedService(services => services.GetRequiredService<AuditBackend>());
            builder.Services.AddSingleton<IModuleHandler, Omg.Daemon.Modules.ModuleBackend>();
        }

        builder.Services.AddHostedService(services => services.GetRequiredService<SocketServer>());
        return builder;
    }
}
