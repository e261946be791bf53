namespace Omg.Client;

/// <summary>How an <see cref="OmgClient"/> finds, starts and talks to omgd.</summary>
public sealed class OmgClientOptions
{
    /// <summary>The environment variable that turns auto-start off when set to <c>1</c>.</summary>
    public const string NoAutoStartVariable = "OMG_NO_AUTOSTART";

    /// <summary>The socket path; null resolves it as omgd does (<c>OmgPaths.ResolveSocket</c>).</summary>
    public string? SocketPath { get; set; }

    /// <summary>How long one request may wait for its answer (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting to the socket may take (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Start omgd when nobody listens on the socket (default true, unless <c>OMG_NO_AUTOSTART=1</c>).
    /// </summary>
    public bool AutoStart { get; set; } = Environment.GetEnvironmentVariable(NoAutoStartVariable) != "1";

    /// <summary>The omgd executable or <c>omgd.dll</c>; null locates it (<c>OMG_DAEMON</c>, next to this assembly, PATH).</summary>
    public string? DaemonPath { get; set; }

    /// <summary>Extra arguments for an auto-started omgd, e.g. <c>--root DIR</c>.</summary>
    public IReadOnlyList<string> DaemonArguments { get; set; } = [];

    /// <summary>How many times a RATE_LIMITED answer is retried before it is reported (default 5).</summary>
    public int RateLimitRetries { get; set; } = 5;

    /// <summary>How long an auto-start may take until omgd answers Ping (default 10 s).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
