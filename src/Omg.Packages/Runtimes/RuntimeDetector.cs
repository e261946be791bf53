namespace Omg.Packages.Runtimes;

/// <summary>
/// Finds language runtimes by reading the filesystem only (no process is started, nothing leaves the
/// machine): Python (system, <c>/usr/local</c>, pyenv), Node (system, nvm), Go, Rust (rustup), Java,
/// .NET SDKs and runtimes, Ruby (system, rbenv). A runtime is the default when the plain command
/// (<c>python3</c>, <c>node</c>, <c>go</c>, <c>rustc</c>, <c>java</c>, <c>dotnet</c>, <c>ruby</c>)
/// found first on the search path resolves, after following symlinks, into it; pyenv and rbenv shims
/// and rustup proxies are followed to the version their managers select (<c>PYENV_ROOT</c>,
/// <c>PYENV_VERSION</c> and rbenv's equivalents are honoured, see <see cref="RuntimeDetectorOptions"/>).
/// </summary>
public sealed class RuntimeDetector : IRuntimeDetector
{
    private readonly RuntimeDetectorOptions _options;

    /// <summary>Creates a detector; default options read the live system.</summary>
    public RuntimeDetector(RuntimeDetectorOptions? options = null) => _options = options ?? new RuntimeDetectorOptions();

    /// <inheritdoc />
    public IReadOnlyList<RuntimeInfo> Detect(CancellationToken cancellationToken) => Detect(null, cancellationToken);

    /// <summary>
    /// Only the runtimes of one language (<c>python</c>, <c>node</c>, ...; all when null). The npm and PyPI
    /// sources need their own language's runtimes on every build and rewatch, and reading every other
    /// language's files for that (rustup's manifests alone are 1 MB each) was waste on the build's cores.
    /// </summary>
    internal IReadOnlyList<RuntimeInfo> Detect(string? name, CancellationToken cancellationToken)
    {
        var fs = new FileSystemView(_options.Root);
        var home = _options.ResolvedHome;
        var pyenv = _options.Pyenv;
        var rbenv = _options.Rbenv;
        var families = new (string Name, Func<FileSystemView, string, IEnumerable<RuntimeCandidate>> Find)[]
        {
            ("python", (f, _) => PythonFinder.Find(f, pyenv)), ("node", NodeFinder.Find), ("go", GoFinder.Find), ("rust", RustFinder.Find),
            ("java", JavaFinder.Find), ("dotnet", DotnetFinder.Find), ("ruby", (f, _) => RubyFinder.Find(f, rbenv)),
        };
        var found = new List<RuntimeInfo>();
        foreach (var family in families)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (name is not null && family.Name != name)
            {
                continue;
            }

            var candidates = family.Find(fs, home).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            InVersionOrder(candidates);

            var defaults = DefaultRuntimeResolver.Defaults(fs, home, [pyenv, rbenv], _options.ResolvedSearchPath, candidates);
            found.AddRange(candidates.Select(c => defaults.Contains(c) ? c.Info with { IsDefault = true } : c.Info));
        }

        return found;
    }

    /// <summary>
    /// Orders one language's runtimes for people reading the list: names and managers stay in the order they
    /// were found (the system's before a version manager's), and within them versions go up numerically, so
    /// pyenv's 3.9 comes before its 3.12 rather than after it, as directory names sort.
    /// </summary>
    private static void InVersionOrder(List<RuntimeCandidate> candidates)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var managers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            names.TryAdd(candidate.Info.Name, names.Count);
            managers.TryAdd(candidate.Info.Manager, managers.Count);
        }

        // An insertion sort: stable, and these lists hold a handful of entries.
        for (var i = 1; i < candidates.Count; i++)
        {
            var moving = candidates[i];
            var j = i - 1;
            while (j >= 0 && Compare(candidates[j], moving) > 0)
            {
                candidates[j + 1] = candidates[j];
                j--;
            }

            candidates[j + 1] = moving;
        }

        int Compare(RuntimeCandidate a, RuntimeCandidate b)
        {
            var byName = names[a.Info.Name].CompareTo(names[b.Info.Name]);
            if (byName != 0)
            {
                return byName;
            }

            var byManager = managers[a.Info.Manager].CompareTo(managers[b.Info.Manager]);
            return byManager != 0 ? byManager : VersionText.Compare(a.Info.Version, b.Info.Version);
        }
    }
}
