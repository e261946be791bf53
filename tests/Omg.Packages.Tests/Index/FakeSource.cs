namespace Omg.Packages.Tests.Index;

/// <summary>An in-memory source whose load result (or failure) the test controls.</summary>
public sealed class FakeSource(string name, Func<SourceLoadResult> load, params string[] watchPaths) : IPackageSource
{
    private int _loads;

    public string Name { get; } = name;

    public IReadOnlyList<string> WatchPaths { get; } = watchPaths;

    public int Loads => Volatile.Read(ref _loads);

    public SourceLoadResult Load(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        return load();
    }

    public IReadOnlyList<string> ReadLicenses(PackageRecord package) => [];
}
