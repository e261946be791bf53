using System.Management.Automation;
using Omg.Client;
using Omg.Protocol.Messages;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Audits installed packages against the advisories omgd has loaded.</para>
/// <para type="description">Emits one Omg.Vulnerability per affected package and advisory, or with -Summary the totals. With no advisory data loaded it writes an OmgAdvisoryDataUnavailable error instead of reporting the machine clean.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "OmgAudit")]
[OutputType(typeof(Vulnerability), typeof(AuditSummary))]
public sealed class InvokeOmgAuditCommand : OmgCmdlet
{
    private readonly List<string> _packages = [];

    #region Parameters

    /// <summary>
    /// <para type="description">Only these installed packages; wildcards are allowed. All packages when omitted.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Package { get; set; }

    /// <summary>
    /// <para type="description">Only findings at or above this severity: Low (the default; also findings not rated yet), Medium, High or Critical.</para>
    /// </summary>
    [Parameter]
    [ValidateSet("Low", "Medium", "High", "Critical")]
    public string MinimumSeverity { get; set; } = "Low";

    /// <summary>
    /// <para type="description">Emit one Omg.AuditSummary with the totals instead of the findings.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    #endregion

    #region Overrides

    /// <summary>Collects package names: one audit serves them all.</summary>
    protected override void ProcessRecord() => _packages.AddRange(Package ?? []);

    /// <summary>Runs the audit and writes the findings or the totals.</summary>
    protected override void EndProcessing()
    {
        WriteProgress(new ProgressRecord(1, "Invoke-OmgAudit", "Auditing installed packages") { PercentComplete = 0 });
        bool done = TryInvoke(Client.SecurityAuditAsync, Client.SocketPath, out SecurityAuditResult? audit);
        WriteProgress(new ProgressRecord(1, "Invoke-OmgAudit", "Done") { RecordType = ProgressRecordType.Completed });
        if (!done || audit is null)
        {
            return;
        }

        Predicate<string>[] matchers = _packages.Select(CreateMatcher).ToArray();
        SecurityAuditResult kept = VulnerabilitySeverity.Filter(audit, MinimumSeverity.ToLowerInvariant());
        var findings = new List<Vulnerability>();
        foreach ((string package, IReadOnlyList<Omg.Protocol.Messages.Vulnerability> list) in kept.Vulnerabilities)
        {
            if (matchers.Length > 0 && !matchers.Any(m => m(package)))
            {
                continue;
            }

            findings.AddRange(list.Select(v => ToRecord(package, v)));
        }

        if (Summary)
        {
            WriteObject(new AuditSummary
            {
                TotalVulnerabilities = findings.Count,
                HighSeverity = findings.Count(f => f.Score >= 7.0 || VulnerabilitySeverity.Rank(f.Severity) >= 3),
                Packages = findings.Select(f => f.Package).Distinct(StringComparer.Ordinal).Count(),
                Critical = findings.Count(f => VulnerabilitySeverity.Rank(f.Severity) == 4),
                High = findings.Count(f => VulnerabilitySeverity.Rank(f.Severity) == 3),
                Medium = findings.Count(f => VulnerabilitySeverity.Rank(f.Severity) == 2),
                Low = findings.Count(f => VulnerabilitySeverity.Rank(f.Severity) == 1),
                MinimumSeverity = MinimumSeverity,
            });
            return;
        }

        WriteObject(findings, enumerateCollection: true);
    }

    #endregion

    private static Vulnerability ToRecord(string package, Omg.Protocol.Messages.Vulnerability v) => new()
    {
        Package = package,
        InstalledVersion = v.InstalledVersion,
        FixedVersion = v.FixedVersion,
        Id = v.Id,
        Aliases = [.. v.Aliases],
        Summary = v.Summary,
        Score = v.Score is { } score ? Math.Round(score, 1) : null,
        Severity = v.Severity,
        Source = v.SourcePackage,
        Ecosystem = v.Ecosystem,
    };
}
