namespace Omg;

/// <summary>What <c>Get-OmgDaemon</c>, <c>Start-OmgDaemon</c> and <c>Stop-OmgDaemon</c> report about omgd.</summary>
public sealed class DaemonInfo
{
    /// <summary>True when omgd answered on <see cref="Socket"/>.</summary>
    public bool Reachable { get; init; }

    /// <summary>The socket asked.</summary>
    public string Socket { get; init; } = string.Empty;

    /// <summary>omgd's process id, or null when it did not answer.</summary>
    public int? Pid { get; init; }

    /// <summary>omgd's version, or empty.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Seconds since omgd started; a number so that it sorts and exports as one.</summary>
    public long UptimeSeconds { get; init; }

    /// <summary>What the command did or found: <c>running</c>, <c>started</c>, <c>already running</c>, <c>stopped</c>, <c>not running</c>.</summary>
    public string State { get; init; } = string.Empty;

    /// <summary>Connections open now.</summary>
    public long ActiveConnections { get; init; }

    /// <summary>Connections accepted since start.</summary>
    public long TotalConnections { get; init; }

    /// <summary>Connections refused (limits, foreign users).</summary>
    public long RejectedConnections { get; init; }

    /// <summary>Bytes received.</summary>
    public long BytesIn { get; init; }

    /// <summary>Bytes sent.</summary>
    public long BytesOut { get; init; }

    /// <summary>Requests refused by the rate limit.</summary>
    public long RateLimited { get; init; }

    /// <summary>Requests refused as invalid.</summary>
    public long ValidationFailures { get; init; }

    /// <summary>Per-request-type counters.</summary>
    public RequestStatistic[] Requests { get; init; } = [];

    /// <summary>One line on the daemon: its state, pid and socket.</summary>
    public override string ToString() => Pid is { } pid ? $"omgd {State} (pid {pid}) on {Socket}" : $"omgd {State} on {Socket}";
}
