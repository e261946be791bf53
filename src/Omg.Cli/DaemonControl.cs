using System.Diagnostics;
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

        // kill(0) or kill(-1) would signal a whole process group or every process of ours; a pid
        // like that, or our own, can only come from a broken or fake daemon.
        if (pid <= 1 || pid > int.MaxValue || (int)pid == Environment.ProcessId)
        {
            throw new InvalidDataException($"omgd on {before.SocketPath} reported pid {pid}, which omg will not signal");
        }

        int error = Signals.Terminate((int)pid);
        if (error != 0)
        {
            throw new OmgDaemonUnavailableException(before.SocketPath, $"cannot signal omgd (pid {pid}): errno {error}");
        }

        var clock = Stopwatch.StartNew();
        // Done when the socket is gone, or when the process is, should it exit without removing it.
        while (File.Exists(before.SocketPath) && Signals.IsAlive((int)pid))
        {
            if (clock.Elapsed > StopTimeout)
            {
                throw new TimeoutException($"omgd (pid {pid}) got SIGTERM but its socket {before.SocketPath} is still there after {StopTimeout.TotalSeconds} s");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return before with { Reachable = false, Uptime = null, Note = "stopped" };
    }
}
