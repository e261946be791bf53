namespace Omg.Audit;

/// <summary>How the audit service finds its data.</summary>
public sealed class AuditServiceOptions
{
    /// <summary>The filesystem root audited (<c>--root</c>).</summary>
    public string Root { get; init; } = "/";

    /// <summary>The advisory store's directory.</summary>
    public required string StoreDirectory { get; init; }

    /// <summary>Sources imported by an update that names none (paths or URLs).</summary>
    public IReadOnlyList<string> DefaultSources { get; init; } = [];

    /// <summary>Bound on one download.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest download accepted, in bytes.</summary>
    public long MaxDownloadBytes { get; init; } = 1L << 30;
}
