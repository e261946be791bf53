namespace Omg.Audit.Sources;

/// <summary>
/// One (ecosystem, package) that an advisory affects, as every source is normalised: OSV
/// <c>affected[]</c> entries directly, Debian tracker release entries as ranges in dpkg order.
/// </summary>
/// <param name="Ecosystem">The OSV ecosystem (<c>Debian:12</c>, <c>Ubuntu:22.04:LTS</c>, <c>npm</c>, <c>PyPI</c>); tracker entries use <c>Debian:&lt;codename&gt;</c>.</param>
/// <param name="Package">The package name as the advisory spells it (a Debian source package for Debian).</param>
/// <param name="Advisory">The advisory.</param>
/// <param name="Ranges">Its ranges.</param>
/// <param name="Versions">Explicitly listed affected versions.</param>
public sealed record AffectedEntry(string Ecosystem, string Package, AdvisoryInfo Advisory, IReadOnlyList<AffectedRange> Ranges, IReadOnlyList<string> Versions)
{
    /// <summary>The Debian tracker's <c>undetermined</c>: nobody knows yet whether the package is affected.</summary>
    public bool Undetermined { get; init; }
}
