namespace Omg.Daemon.Audit;

/// <summary>Advisory settings, under <c>Audit:</c> (<c>--Audit:Sources:0=URL</c>, <c>OMG_AUDIT__DOWNLOADTIMEOUTSECONDS</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>The Debian security tracker's JSON, the default source when none is configured.</summary>
    public const string DebianTrackerUrl = "https://security-tracker.debian.org/tracker/data/json";

    /// <summary>Sources an update without a source imports (paths or URLs); empty means <see cref="DebianTrackerUrl"/>.</summary>
    public string[] Sources { get; set; } = [];

    /// <summary>Seconds one download may take, headers and body.</summary>
    public double DownloadTimeoutSeconds { get; set; } = 300;

    /// <summary>Largest download accepted, in bytes (after content decoding).</summary>
    public long MaxDownloadBytes { get; set; } = 1L << 30;

    /// <summary>Seconds one UpdateAdvisories request may run in all; it is exempt from the general request timeout.</summary>
    public double UpdateTimeoutSeconds { get; set; } = 900;
}
