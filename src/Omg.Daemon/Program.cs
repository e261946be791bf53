using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Omg.Daemon.Dispatch;
using Omg.Daemon.Hosting;

namespace Omg.Daemon;

/// <summary>The <c>omgd</c> entry point.</summary>
public static class Program
{
    /// <summary>
    /// Runs omgd until SIGTERM or SIGINT; exit code 0 after a clean stop or when another omgd already serves the
    /// socket (one line on stderr says so), 1 when it cannot start, 2 for usage errors.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        DaemonCommandLine commandLine = DaemonCommandLine.Parse(args);
        if (commandLine.Error is not null)
        {
            await Console.Error.WriteLineAsync($"omgd: {commandLine.Error}\n{DaemonCommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }

        if (commandLine.ShowHelp || commandLine.ShowVersion)
        {
            Console.WriteLine(commandLine.ShowHelp ? DaemonCommandLine.Usage : $"omgd {RequestDispatcher.DaemonVersion}");
            return 0;
        }

        if (commandLine.LogFile is not null)
        {
            ProcessDetacher.RedirectOutput(commandLine.LogFile);
        }

        if (commandLine.Detach)
        {
            ProcessDetacher.Detach();

            // An auto-started omgd is no service's main process: a client running inside a Type=notify unit passes
            // that unit's NOTIFY_SOCKET on, and omgd's READY=1 there would be a stranger's.
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
        }

        // The package index is built as soon as the host starts; its hot code compiles meanwhile on the
        // core the host's own start-up leaves idle.
        Omg.Packages.Index.BuildCodeWarmup.Start();

        using IHost host = DaemonHost.CreateBuilder(commandLine.ConfigurationArgs).Build();
        try
        {
            StartChecks.Run(host.Services.GetRequiredService<IOptions<DaemonOptions>>().Value);
            await host.StartAsync().ConfigureAwait(false);
        }
        catch (DaemonStartException ex)
        {
            await Console.Error.WriteLineAsync($"omgd: {ex.Message}").ConfigureAwait(false);
            return ex.AlreadyServed ? 0 : 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OptionsValidationException or InvalidOperationException)
        {
            // A start that fails for a reason no check foresaw still ends in one line a user can act on; the stack
            // trace helps no one who did not write omgd.
            await Console.Error.WriteLineAsync($"omgd: cannot start: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await host.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
