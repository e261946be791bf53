namespace Omg;

/// <summary>The totals of an audit, from <c>Invoke-OmgAudit -Summary</c>.</summary>
public sealed class AuditSummary
{
    /// <summary>Findings (package, advisory) at or above the threshold.</summary>
    public long TotalVulnerabilities { get; init; }

    /// <summary>Those with a score of 7.0 or more, or high/critical severity.</summary>
    public long HighSeverity { get; init; }

    /// <summary>Affected packages.</summary>
    public long Packages { get; init; }

    /// <summary>Findings rated critical.</summary>
    public long Critical { get; init; }

    /// <summary>Findings rated high.</summary>
    public long High { get; init; }

    /// <summary>Findings rated medium.</summary>
    public long Medium { get; init; }

    /// <summary>Findings rated low or not rated yet.</summary>
    public long Low { get; init; }

    /// <summary>The threshold applied.</summary>
    public string MinimumSeverity { get; init; } = "Low";

    /// <inheritdoc />
    public override string ToString() => $"{TotalVulnerabilities} vulnerabilities ({HighSeverity} high severity) in {Packages} packages";
}
