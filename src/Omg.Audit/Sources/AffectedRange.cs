namespace Omg.Audit.Sources;

/// <summary>One OSV range: its events, compared in the ecosystem's order or in SemVer order.</summary>
/// <param name="SemVer">True for a <c>SEMVER</c> range, false for <c>ECOSYSTEM</c>.</param>
/// <param name="Events">The events as the record lists them.</param>
public sealed record AffectedRange(bool SemVer, IReadOnlyList<RangeEvent> Events);
