namespace Omg.Audit.Sources;

/// <summary>What one advisory says about itself, shared by every package entry it has.</summary>
/// <param name="Id">The advisory id (<c>CVE-2024-1234</c>, <c>GHSA-...</c>, <c>DSA-...</c>).</param>
/// <param name="Aliases">Other ids of the same advisory.</param>
/// <param name="Summary">One line: the OSV summary (else the first line of details) or the tracker description.</param>
/// <param name="CvssVector">The CVSS vector to score (v4.0 preferred over v3.x), null when none.</param>
/// <param name="DeclaredSeverity">A severity word the source states (OSV <c>database_specific.severity</c>, tracker urgency), null when none.</param>
/// <param name="Origin">The source it came from (path or URL), for messages.</param>
public sealed record AdvisoryInfo(string Id, IReadOnlyList<string> Aliases, string Summary, string? CvssVector, string? DeclaredSeverity, string Origin);
