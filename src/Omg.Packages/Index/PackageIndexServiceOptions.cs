namespace Omg.Packages.Index;

/// <summary>Tuning of <see cref="PackageIndexService"/>.</summary>
public sealed class PackageIndexServiceOptions
{
    /// <summary>How long the watched files must stay quiet before a rebuild starts (default 250 ms).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether to watch the sources' <see cref="IPackageSource.WatchPaths"/> (default true).</summary>
    public bool Watch { get; init; } = true;
}
