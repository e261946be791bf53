namespace Omg.Audit.Sources;

/// <summary>Everything one source holds, after parsing.</summary>
/// <param name="Origin">The source (path or URL).</param>
/// <param name="Entries">Its affected-package entries.</param>
/// <param name="Advisories">Distinct advisories it holds (withdrawn ones not counted).</param>
/// <param name="Packages">Distinct packages they name.</param>
public sealed record AdvisorySet(string Origin, IReadOnlyList<AffectedEntry> Entries, int Advisories, int Packages);
