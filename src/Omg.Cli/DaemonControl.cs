using Omg.Client;
using Omg.Protocol.Messages;
using Omg.Protocol.Platform;

namespace Omg.Cli;

/// <summary>The work behind <c>omg daemon start|stop|status</c>.</summary>
public static class DaemonControl
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Asks omgd who it is; never starts it.</summary>
    public static async Task<DaemonState> StatusAsync(OmgClientOptions options, CancellationToken cancellationToken)
    {
        options.AutoStart = false;
        await using var client = new OmgClient(options);
        try
        {
            MetricsResult metrics = await client.MetricsAsync(cancellationToken).ConfigureAwait(false);
            return new DaemonState(true, client.SocketPath, metrics.Pid, metrics.Version, TimeSpan.FromSeconds(metrics.UptimeSeconds));
        }
        catch (OmgDaemonUnavailableException)
        {
            return new DaemonState(false, client.SocketPath, Note: "not running");
        }
    }

    /// <summary>Starts omgd unless it already answers.</summary>
    /// <exception cref="OmgDaemonUnavailableException">It could not be started.</exception>
    public static async Task<DaemonState> StartAsync(OmgClientOptions options, CancellationToken cancellationToken)
    {
        string socket = OmgPaths.ResolveSocket(options.SocketPath);
        bool started = await new DaemonLauncher(options).EnsureRunningAsync(socket, cancellationToken).ConfigureAwait(false);
        DaemonState state = await StatusAsync(options, cancellationToken).ConfigureAwait(false);
        return state with { Note = started ? "started" : "already running" };
    }

    /// <summary>Sends omgd SIGTERM and waits until its socket is gone.</summary>
    /// <exception cref="TimeoutException">It did not stop in time.</exception>
    public static async Task<DaemonState> StopAsync(OmgClientOptions options, CancellationToken cancellationToken)
    {
        DaemonState before = await StatusAsync(options, cancellationToken).ConfigureAwait(false);
        if (!before.Reachable || before.Pid is not ulong pid)
        {
            return before;
        }

        await DaemonTermination.TerminateAsync(before.SocketPath, pid, StopTimeout, cancellationToken).ConfigureAwait(false);
        return before with { Reachable = false, Uptime = null, Note = "stopped" };
    }
}
