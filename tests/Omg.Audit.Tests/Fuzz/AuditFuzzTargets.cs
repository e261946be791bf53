using System.Text;
using Omg.Audit.Matching;
using Omg.Audit.Severity;
using Omg.Audit.Sources;
using Omg.Tests.Shared.Fuzzing;

namespace Omg.Audit.Tests.Fuzz;

/// <summary>
/// The audit's fuzz targets, each one input in and the property checked (the CsCheck tests beside this file run them
/// on a fixed budget, the SharpFuzz harness in tests/Omg.Fuzz for longer). Advisory data comes from the network:
/// a bad document is an <see cref="AdvisoryImportException"/> naming it, never another exception.
/// </summary>
public static class AuditFuzzTargets
{
    /// <summary>Any bytes as an advisory source (gzip, zip, Debian tracker or OSV, as <see cref="SourceReader"/> tells them apart).</summary>
    public static void Source(byte[] data)
    {
        AdvisorySet set;
        try
        {
            set = SourceReader.ReadBytes(data, "fuzz");
        }
        catch (AdvisoryImportException ex)
        {
            FuzzPropertyException.Unless(ex.Message.StartsWith("fuzz", StringComparison.Ordinal), $"the error does not name the source: {ex.Message}");
            return;
        }

        // Whatever was read is matched: each affected package installed at each version the source names, and at 0.
        var components = new List<InstalledComponent>();
        foreach (AffectedEntry entry in set.Entries.Take(200))
        {
            string kind = AdvisoryDatabase.KindOf(entry.Ecosystem) ?? InstalledComponent.Distro;
            IEnumerable<string> versions = entry.Versions.Concat(entry.Ranges.SelectMany(r => r.Events).Select(e => e.Version)).Append("0").Distinct().Take(8);
            components.AddRange(versions.Select(version => new InstalledComponent(entry.Package, version, entry.Package, version, kind)));
        }

        AuditReport report = AuditMatcher.Match(AdvisoryDatabase.From([set], 1), Debian12, components);
        FuzzPropertyException.Unless(report is not null, "no report");
    }

    private static readonly OsRelease Debian12 = OsRelease.Parse("ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");

    /// <summary>Any bytes as an OSV document.</summary>
    public static void Osv(byte[] data)
    {
        var entries = new List<AffectedEntry>();
        try
        {
            IReadOnlyList<string> ids = OsvReader.Read(data, "fuzz", entries);
            FuzzPropertyException.Unless(ids.All(id => id is not null), "a null record id");
        }
        catch (AdvisoryImportException)
        {
        }
    }

    /// <summary>Any bytes as a Debian security tracker document.</summary>
    public static void Tracker(byte[] data)
    {
        try
        {
            _ = DebianTrackerReader.Read(data, "fuzz", release => release != "sid");
        }
        catch (AdvisoryImportException)
        {
        }
    }

    /// <summary>Any bytes as the dpkg status the audit reads its installed components from: components, never an exception.</summary>
    public static void DpkgStatus(byte[] data)
    {
        IReadOnlyList<InstalledComponent> components = DpkgStatusReader.Parse(Encoding.UTF8.GetString(data));
        FuzzPropertyException.Unless(components.Count <= data.Length, "more components than bytes");
    }

    /// <summary>
    /// Any text as a CVSS vector: a score or false, nothing thrown; a score is 0.0 to 10.0 in tenths, and the
    /// version named is one the scorer knows.
    /// </summary>
    public static void Cvss(byte[] data)
    {
        string vector = Encoding.UTF8.GetString(data);
        if (CvssScore.TryCompute(vector, out double score))
        {
            FuzzPropertyException.Unless(score is >= 0 and <= 10 && Math.Abs((score * 10) - Math.Round(score * 10)) < 1e-9, $"score {score} for '{vector}'");
            FuzzPropertyException.Unless(CvssScore.VersionOf(vector) is "3.0" or "3.1" or "4.0", $"scored '{vector}' of version {CvssScore.VersionOf(vector)}");
        }
    }
}
