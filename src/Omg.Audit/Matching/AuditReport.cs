namespace Omg.Audit.Matching;

/// <summary>The findings of one audit, grouped by installed package in name order.</summary>
/// <param name="Packages">Each affected package with its findings (by severity, then id).</param>
/// <param name="Total">Findings in all (one per package and advisory).</param>
/// <param name="High">Findings with a score of 7.0 or more, or high/critical severity.</param>
/// <param name="Release">The release the distribution advisories were matched against.</param>
/// <param name="Components">Installed packages examined.</param>
public sealed record AuditReport(
    IReadOnlyList<(string Package, IReadOnlyList<Finding> Findings)> Packages,
    int Total,
    int High,
    OsRelease Release,
    int Components);
