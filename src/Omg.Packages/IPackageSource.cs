namespace Omg.Packages;

/// <summary>
/// A backend that contributes packages to the index. Loading is synchronous and runs off the
/// request path (the index service calls it on a background thread and swaps the result in).
/// </summary>
public interface IPackageSource
{
    /// <summary>The <see cref="PackageRecord.Source"/> value of every record this source yields.</summary>
    string Name { get; }

    /// <summary>Files and directories whose change means the source must be loaded again.</summary>
    IReadOnlyList<string> WatchPaths { get; }

    /// <summary>
    /// Reads everything the source knows. Never throws for bad data: unreadable or corrupt parts are
    /// skipped and described in <see cref="SourceLoadResult.Problems"/>.
    /// </summary>
    SourceLoadResult Load(CancellationToken cancellationToken);

    /// <summary>Licenses of an installed package (for Debian, from its DEP-5 copyright file); empty when unknown.</summary>
    IReadOnlyList<string> ReadLicenses(PackageRecord package);
}

/// <summary>What one load of a source produced.</summary>
/// <param name="Packages">Every package, one record per name.</param>
/// <param name="Problems">Human-readable descriptions of what was skipped and why.</param>
/// <param name="Counts">System package counts, for the source that owns the system package manager; null otherwise.</param>
public sealed record SourceLoadResult(
    IReadOnlyList<PackageRecord> Packages,
    IReadOnlyList<string> Problems,
    SystemCounts? Counts);

/// <summary>The vital signs of the system package manager, as dpkg and apt would report them.</summary>
/// <param name="TotalPackages">Installed packages (every state dpkg counts as installed).</param>
/// <param name="ExplicitPackages">What <c>apt-mark showmanual</c> lists.</param>
/// <param name="OrphanPackages">What <c>apt-get autoremove</c> would remove.</param>
/// <param name="UpdatesAvailable">What <c>apt list --upgradable</c> lists.</param>
public sealed record SystemCounts(
    int TotalPackages,
    int ExplicitPackages,
    int OrphanPackages,
    int UpdatesAvailable)
{
    /// <summary>The packages counted in <see cref="UpdatesAvailable"/>, by apt's full name, sorted.</summary>
    public IReadOnlyList<string> Upgradable { get; init; } = [];

    /// <summary>The packages counted in <see cref="OrphanPackages"/>, by apt's full name, sorted.</summary>
    public IReadOnlyList<string> Orphans { get; init; } = [];

    /// <summary>Equal counts and the same names in the same order (a record alone would compare the lists by reference).</summary>
    public bool Equals(SystemCounts? other) =>
        other is not null
        && (TotalPackages, ExplicitPackages, OrphanPackages, UpdatesAvailable) == (other.TotalPackages, other.ExplicitPackages, other.OrphanPackages, other.UpdatesAvailable)
        && Upgradable.SequenceEqual(other.Upgradable, StringComparer.Ordinal)
        && Orphans.SequenceEqual(other.Orphans, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TotalPackages, ExplicitPackages, OrphanPackages, UpdatesAvailable);
}
