namespace Omg.Packages.Runtimes;

/// <summary>
/// Installed Python distributions (source <c>pypi</c>): <c>*.dist-info/METADATA</c> and
/// <c>*.egg-info/PKG-INFO</c> (or an <c>*.egg-info</c> file) in the site-packages and dist-packages
/// directories of every detected Python, the default one first, then the user site
/// (<c>~/.local/lib/python*/site-packages</c>). One record per name: the first directory wins.
/// <see cref="PackageRecord.Repo"/> is the directory the distribution was found in.
/// </summary>
public sealed class PythonDistributionSource : IPackageSource
{
    private readonly RuntimeDetectorOptions _options;
    private readonly FileSystemView _fs;

    /// <summary>Creates the source; default options read the live system.</summary>
    public PythonDistributionSource(RuntimeDetectorOptions? options = null)
    {
        _options = options ?? new RuntimeDetectorOptions();
        _fs = new FileSystemView(_options.Root);
    }

    /// <inheritdoc />
    public string Name => "pypi";

    /// <summary>The site directories (host paths), found afresh on every read.</summary>
    public IReadOnlyList<string> WatchPaths => SiteDirectories().Select(_fs.Map).ToArray();

    /// <inheritdoc />
    public SourceLoadResult Load(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var packages = new List<PackageRecord>();
        var problems = new List<string>();
        foreach (var site in SiteDirectories())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (metadataPath, metadata) in Distributions(site, problems))
            {
                var name = metadata.Get("Name");
                if (string.IsNullOrEmpty(name))
                {
                    problems.Add($"{metadataPath}: no Name field");
                    continue;
                }

                if (seen.Add(name))
                {
                    packages.Add(new PackageRecord(name, Name, metadata.Get("Version") ?? string.Empty, null,
                        metadata.Get("Summary") ?? string.Empty, null, [], string.Empty, metadata.Homepage(), 0, 0,
                        site, metadata.RequiredNames(), "installed"));
                }
            }
        }

        return new SourceLoadResult(packages, problems, null);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ReadLicenses(PackageRecord package)
    {
        ArgumentNullException.ThrowIfNull(package);
        foreach (var (_, metadata) in Distributions(package.Repo, []))
        {
            if (string.Equals(metadata.Get("Name"), package.Name, StringComparison.OrdinalIgnoreCase))
            {
                return metadata.Licenses();
            }
        }

        return [];
    }

    private IEnumerable<(string Path, CoreMetadata Metadata)> Distributions(string site, List<string> problems)
    {
        var files = _fs.Directories(site, "*.dist-info").Select(d => d + "/METADATA")
            .Concat(_fs.Directories(site, "*.egg-info").Select(d => d + "/PKG-INFO"))
            .Concat(_fs.Files(site, "*.egg-info"));
        foreach (var file in files)
        {
            var text = _fs.ReadHeader(file);
            if (text is null)
            {
                problems.Add($"{file}: unreadable");
                continue;
            }

            yield return (file, CoreMetadata.Parse(text));
        }
    }

    private List<string> SiteDirectories()
    {
        var home = _options.ResolvedHome;
        var pythons = new RuntimeDetector(_options).Detect("python", CancellationToken.None)
            .OrderByDescending(r => r.IsDefault);
        var dirs = new List<string>();
        foreach (var python in pythons)
        {
            if (python.Manager == "pyenv")
            {
                dirs.AddRange(_fs.Directories(python.Path + "/lib", "python*").Select(d => d + "/site-packages"));
                continue;
            }

            // A system python's path is its executable: /usr/bin/python3.11 -> /usr/lib/python3.11, ...
            var prefix = Path.GetDirectoryName(Path.GetDirectoryName(python.Path)) ?? "/usr";
            var minor = Path.GetFileName(python.Path);
            dirs.Add($"{prefix}/local/lib/{minor}/dist-packages");
            dirs.Add($"{prefix}/lib/python3/dist-packages");
            dirs.Add($"{prefix}/lib/{minor}/site-packages");
            dirs.Add($"{prefix}/lib/{minor}/dist-packages");
        }

        dirs.AddRange(_fs.Directories(home + "/.local/lib", "python*").Select(d => d + "/site-packages"));
        return dirs.Distinct(StringComparer.Ordinal).Where(_fs.DirectoryExists).ToList();
    }
}
