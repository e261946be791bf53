namespace Omg.Packages.Debian;

/// <summary>
/// The dpkg/apt backend: installed packages from <c>var/lib/dpkg/status</c>, auto-installed marks from
/// <c>var/lib/apt/extended_states</c> and available packages from <c>var/lib/apt/lists</c>, all under a root
/// directory (like <c>dpkg --root</c>). Semantics are described in docs/packages-debian.md.
/// </summary>
public sealed class DebianPackageSource : IPackageSource
{
    private readonly string _root;

    /// <summary>Creates a source reading the system under <paramref name="root"/> (default <c>/</c>).</summary>
    public DebianPackageSource(string root = "/")
    {
        _root = string.IsNullOrEmpty(root) ? "/" : root;
        WatchPaths =
        [
            Path.Combine(_root, "var/lib/dpkg/status"),
            Path.Combine(_root, "var/lib/apt/extended_states"),
            Path.Combine(_root, "var/lib/apt/lists"),

            // Pins change candidates and with them the upgradable count; so do sources, which decide which
            // lists apt reads.
            Path.Combine(_root, "etc/apt/preferences"),
            Path.Combine(_root, "etc/apt/preferences.d"),
            Path.Combine(_root, "etc/apt/sources.list"),
            Path.Combine(_root, "etc/apt/sources.list.d"),
        ];
    }

    /// <inheritdoc/>
    public string Name => "apt";

    /// <inheritdoc/>
    public IReadOnlyList<string> WatchPaths { get; }

    /// <inheritdoc/>
    public SourceLoadResult Load(CancellationToken cancellationToken)
    {
        try
        {
            using var database = DebianDatabase.Load(_root, cancellationToken);

            // The counts walk the installed packages (autoremove's mark phase is most of it) and the records
            // all packages; both only read the database, so the counts run beside the records' workers.
            var counts = Task.Run(
                () =>
                {
                    List<string> orphans = database.Orphans();
                    List<string> upgradable = database.Upgradable();
                    return new SystemCounts(database.Installed.Count, database.Manual().Count, orphans.Count, upgradable.Count)
                    {
                        Upgradable = upgradable,
                        Orphans = orphans,
                    };
                },
                cancellationToken);
            var records = database.Records(Name);
            return new SourceLoadResult(records, database.Problems, counts.GetAwaiter().GetResult());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug here must not take the index down with it; report it like any other unreadable input.
            return new SourceLoadResult([], [$"{_root}: load failed ({e.GetType().Name}: {e.Message})"], null);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ReadLicenses(PackageRecord package)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (!package.IsInstalled || package.Name.Contains('/') || package.Name.Contains(".."))
        {
            return [];
        }

        return CopyrightLicenses.Read(Path.Combine(_root, "usr/share/doc", package.Name, "copyright"));
    }
}
