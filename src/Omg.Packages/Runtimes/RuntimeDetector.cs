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

            var defaults = DefaultRuntimeResolver.Defaults(fs, home, [pyenv, rbenv], _options.ResolvedSearchPath, candidates);
            found.AddRange(candidates.Select(c => defaults.Contains(c) ? c.Info with { IsDefault = true } : c.Info));
        }

        return found;
    }
}
