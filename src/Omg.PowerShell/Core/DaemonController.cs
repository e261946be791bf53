using Omg.Client;
using Omg.Protocol.Messages;
using Omg.Protocol.Platform;

namespace Omg.PowerShell;

/// <summary>The work behind <c>Get-OmgDaemon</c>, <c>Start-OmgDaemon</c> and <c>Stop-OmgDaemon</c>.</summary>
public static class DaemonController
{
    /// <summary>How long a stop waits for the socket to go.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Asks omgd for its metrics; never starts it.</summary>
    public static Task<DaemonInfo> GetAsync(OmgClientOptions options, CancellationToken cancellationToken) =>
        DescribeAsync(options, "running", cancellationToken);

    /// <summary>Starts omgd unless it already answers.</summary>
    /// <exception cref="OmgDaemonUnavailableException">It could not be started; the message says what was tried.</exception>
    public static async Task<DaemonInfo> StartAsync(OmgClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        string socket = OmgPaths.ResolveSocket(options.SocketPath);
        bool started = await new DaemonLauncher(options).EnsureRunningAsync(socket, cancellationToken).ConfigureAwait(false);
        return await DescribeAsync(options, started ? "started" : "already running", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends omgd SIGTERM and waits until its socket is gone (or its process, should it leave the socket).</summary>
    /// <exception cref="InvalidDataException">omgd reported a pid that must not be signalled.</exception>
    /// <exception cref="TimeoutException">It did not stop within <see cref="StopTimeout"/>.</exception>
    public static async Task<DaemonInfo> StopAsync(DaemonInfo running, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(running);
        if (!running.Reachable)
        {
            return running;
        }

        int pid = running.Pid ?? 0;
        await DaemonTermination.TerminateAsync(running.Socket, (ulong)Math.Max(pid, 0), StopTimeout, cancellationToken).ConfigureAwait(false);
        return new DaemonInfo { Reachable = false, Socket = running.Socket, Pid = pid, Version = running.Version, State = "stopped" };
    }

    private static async Task<DaemonInfo> DescribeAsync(OmgClientOptions options, string state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var probe = new OmgClientOptions
        {
            SocketPath = options.SocketPath,
            AutoStart = false,
            ConnectTimeout = options.ConnectTimeout,
            RequestTimeout = options.RequestTimeout,
        };
        await using var client = new OmgClient(probe);
        try
        {
            MetricsResult metrics = await client.MetricsAsync(cancellationToken).ConfigureAwait(false);
            return OutputMapper.ToDaemonInfo(client.SocketPath, metrics, state);
        }
        catch (OmgDaemonUnavailableException)
        {
            return OutputMapper.Unreachable(client.SocketPath, "not running");
        }
    }
}
