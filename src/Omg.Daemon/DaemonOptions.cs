namespace Omg.Daemon;

/// <summary>
/// omgd's settings, bound from appsettings.json, <c>OMG_*</c> environment variables
/// (<c>OMG_SOCKET</c>, <c>OMG_LIMITS__MAXCONNECTIONS</c>) and the command line (<c>--socket</c>,
/// <c>--root</c>, <c>--data-dir</c>, <c>--Limits:MaxConnections=...</c>), later sources winning.
/// </summary>
public sealed class DaemonOptions
{
    /// <summary>The socket path; empty means <c>OmgPaths.ResolveSocket()</c>'s default.</summary>
    public string Socket { get; set; } = string.Empty;

    /// <summary>The filesystem root the backends read, like <c>dpkg --root</c>.</summary>
    public string Root { get; set; } = "/";

    /// <summary>Where omgd keeps advisory data and caches; empty means <c>$XDG_DATA_HOME/omg</c>.</summary>
    public string DataDir { get; set; } = string.Empty;

    /// <summary>Advisory sources, downloads and the store (see docs/audit.md).</summary>
    public Audit.AuditOptions Audit { get; set; } = new();

    /// <summary>The module runtime's settings.</summary>
    public Modules.ModuleOptions Modules { get; set; } = new();

    /// <summary>Limits that keep one client from hurting the others.</summary>
    public DaemonLimits Limits { get; set; } = new();
}

/// <summary>The daemon's limits; every one is configurable under <c>Limits:</c>.</summary>
public sealed class DaemonLimits
{
    /// <summary>Largest request frame payload; a larger one is answered with PARSE_ERROR and the connection closed.</summary>
    public int MaxRequestBytes { get; set; } = 1 << 20;

    /// <summary>Largest response payload; a larger response becomes INTERNAL_ERROR.</summary>
    public int MaxResponseBytes { get; set; } = 64 << 20;

    /// <summary>Connections served at once; one more is answered RATE_LIMITED and closed.</summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>
    /// Connections one client process may hold at once; one more is answered RATE_LIMITED naming the limit and closed.
    /// Every client runs as the same user, so a per-uid cap would not help: a per-process one keeps a single process
    /// from taking all <see cref="MaxConnections"/> and locking the others out. 0 for no limit.
    /// </summary>
    public int MaxConnectionsPerProcess { get; set; } = 64;

    /// <summary>
    /// Answer bytes one connection may hold that its client has not read (queued or not yet taken by the socket); while
    /// it holds that many, omgd starts none of its new requests. Requests already running still answer, so one answer
    /// larger than this is still sent. Together with <see cref="WriteTimeoutSeconds"/> it bounds a never-reading client.
    /// </summary>
    public long MaxQueuedResponseBytes { get; set; } = 4 << 20;

    /// <summary>Seconds one write to a client may wait for it to read before omgd closes the connection.</summary>
    public double WriteTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds a client has to finish a frame it started.</summary>
    public double FrameTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds a connection may sit with no request in progress and nothing arriving before omgd closes it; 0 keeps idle
    /// connections forever. Without it, idle connections held open (256 by default reach MaxConnections) locked every
    /// other client out for as long as they were held.
    /// </summary>
    public double IdleTimeoutSeconds { get; set; } = 300;

    /// <summary>Seconds a request may run before it is answered with INTERNAL_ERROR naming the timeout.</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds in-flight requests get to finish when omgd stops.</summary>
    public double ShutdownGraceSeconds { get; set; } = 5;

    /// <summary>Batch items run at once.</summary>
    public int BatchConcurrency { get; set; } = 8;

    /// <summary>Requests per second per connection (token refill rate).</summary>
    public double ConnectionRate { get; set; } = 200;

    /// <summary>Burst allowance per connection (bucket size).</summary>
    public double ConnectionBurst { get; set; } = 400;

    /// <summary>Requests per second per peer uid, across its connections.</summary>
    public double UidRate { get; set; } = 1000;

    /// <summary>Burst allowance per peer uid.</summary>
    public double UidBurst { get; set; } = 2000;
}
