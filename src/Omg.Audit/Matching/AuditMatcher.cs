using Omg.Audit.Severity;
using Omg.Audit.Sources;
using Omg.Audit.Versions;

namespace Omg.Audit.Matching;

/// <summary>
/// Matches installed components against a database: dpkg packages by source name and source version
/// against the root's release only (other releases' entries are ignored), npm and PyPI packages against
/// their ecosystems, each in its own version order.
/// </summary>
public static class AuditMatcher
{
    /// <summary>Audits <paramref name="components"/>.</summary>
    public static AuditReport Match(AdvisoryDatabase database, OsRelease release, IReadOnlyList<InstalledComponent> components)
    {
        IVersionOrder semVer = VersionOrders.ForEcosystem("npm")!;
        var perSource = new Dictionary<(string Kind, string Name, string Version), List<(AffectedEntry Entry, string? Fixed)>>();
        var byPackage = new SortedDictionary<string, List<Finding>>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (InstalledComponent component in components)
        {
            if (!seen.Add((component.Package, component.Version)))
            {
                // The same package in two architectures: one set of findings.
                continue;
            }

            var key = (component.Kind, component.AdvisoryName, component.AdvisoryVersion);
            if (!perSource.TryGetValue(key, out List<(AffectedEntry Entry, string? Fixed)>? hits))
            {
                perSource[key] = hits = Evaluate(database, release, component, semVer);
            }

            if (hits.Count == 0)
            {
                continue;
            }

            var findings = new List<Finding>(hits.Count);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach ((AffectedEntry entry, string? fixedVersion) in hits)
            {
                // One advisory may come from two sources (the tracker's CVE, an OSV record aliasing it): report it once.
                if (ids.Contains(entry.Advisory.Id) || entry.Advisory.Aliases.Any(ids.Contains))
                {
                    continue;
                }

                ids.Add(entry.Advisory.Id);
                foreach (string alias in entry.Advisory.Aliases)
                {
                    ids.Add(alias);
                }

                (double? score, string severity) = SeverityOf.Rate(entry.Advisory);
                findings.Add(new Finding(component.Package, component.Version, component.AdvisoryName, entry.Ecosystem, entry.Advisory, fixedVersion, score, severity, entry.Undetermined));
            }

            findings.Sort((a, b) => SeverityOf.Rank(b.Severity) != SeverityOf.Rank(a.Severity)
                ? SeverityOf.Rank(b.Severity).CompareTo(SeverityOf.Rank(a.Severity))
                : string.CompareOrdinal(a.Advisory.Id, b.Advisory.Id));
            if (byPackage.TryGetValue(component.Package, out List<Finding>? existing))
            {
                existing.AddRange(findings);
            }
            else
            {
                byPackage[component.Package] = findings;
            }
        }

        int total = 0, high = 0;
        var packages = new List<(string, IReadOnlyList<Finding>)>(byPackage.Count);
        foreach ((string package, List<Finding> findings) in byPackage)
        {
            packages.Add((package, findings));
            total += findings.Count;
            high += findings.Count(f => SeverityRating.IsHigh(f.Score, f.Severity));
        }

        return new AuditReport(packages, total, high, release, components.Count);
    }

    private static List<(AffectedEntry, string?)> Evaluate(AdvisoryDatabase database, OsRelease release, InstalledComponent component, IVersionOrder semVer)
    {
        var hits = new List<(AffectedEntry, string?)>();
        foreach (AffectedEntry entry in database.Find(component.Kind, component.AdvisoryName))
        {
            if (component.Kind == InstalledComponent.Distro ? !release.Matches(entry.Ecosystem) : entry.Ecosystem != component.Kind)
            {
                continue;
            }

            if (VersionOrders.ForEcosystem(entry.Ecosystem) is not { } order)
            {
                continue;
            }

            if (RangeMatcher.IsAffected(entry, component.AdvisoryVersion, order, semVer, out string? fixedVersion))
            {
                hits.Add((entry, fixedVersion));
            }
        }

        return hits;
    }
}
