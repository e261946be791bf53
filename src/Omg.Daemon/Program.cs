using Microsoft.Extensions.Hosting;
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
        }

        // The package index is built as soon as the host starts; its hot code compiles meanwhile on the
        // core the host's own start-up leaves idle.
        Omg.Packages.Index.BuildCodeWarmup.Start();

        try
        {
            using IHost host = DaemonHost.CreateBuilder(commandLine.ConfigurationArgs).Build();
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (DaemonStartException ex)
        {
            await Console.Error.WriteLineAsync($"omgd: {ex.Message}").ConfigureAwait(false);
            return ex.AlreadyServed ? 0 : 1;
        }
    }
}
