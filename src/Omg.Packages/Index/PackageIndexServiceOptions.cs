namespace Omg.Packages.Index;

/// <summary>Tuning of <see cref="PackageIndexService"/>.</summary>
public sealed class PackageIndexServiceOptions
{
    /// <summary>How long the watched files must stay quiet before a rebuild starts (default 250 ms).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether to watch the sources' <see cref="IPackageSource.WatchPaths"/> (default true).</summary>
    public bool Watch { get; init; } = true;

    /// <summary>
    /// Called on the build thread after each new snapshot is published (for example to compact the heap
    /// once the previous snapshot's garbage is unreachable). Exceptions are the caller's to avoid.
    /// </summary>
    public Action<PackageIndex>? Published { get; init; }
}
