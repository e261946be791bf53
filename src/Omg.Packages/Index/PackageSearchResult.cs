namespace Omg.Packages.Index;

/// <summary>The answer to <see cref="PackageIndex.Search"/>.</summary>
/// <param name="Packages">The best matches, best first, at most the requested limit.</param>
/// <param name="Total">How many packages match in all, regardless of the limit.</param>
public sealed record PackageSearchResult(IReadOnlyList<PackageRecord> Packages, int Total)
{
    /// <summary>No match.</summary>
    public static PackageSearchResult None { get; } = new([], 0);
}
