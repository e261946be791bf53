using System.Text.Json;

namespace Omg.Packages.Runtimes;

/// <summary>
/// Globally installed npm packages (source <c>npm</c>): <c>&lt;prefix&gt;/lib/node_modules/*/package.json</c>
/// and scoped <c>@scope/*</c>, for the prefix of every detected node (system <c>/usr</c>,
/// <c>/usr/local</c>, each nvm version), the default node first, and <c>/usr/local</c> (npm's usual
/// global prefix) always. One record per name: the first prefix wins.
/// <see cref="PackageRecord.Repo"/> is <c>npm-global:&lt;node_modules directory&gt;</c>.
/// </summary>
public sealed class NpmGlobalPackageSource : IPackageSource
{
    private const string RepoPrefix = "npm-global:";
    private readonly RuntimeDetectorOptions _options;
    private readonly FileSystemView _fs;

    /// <summary>Creates the source; default options read the live system.</summary>
    public NpmGlobalPackageSource(RuntimeDetectorOptions? options = null)
    {
        _options = options ?? new RuntimeDetectorOptions();
        _fs = new FileSystemView(_options.Root);
    }

    /// <inheritdoc />
    public string Name => "npm";

    /// <summary>The node_modules directories (host paths), found afresh on every read.</summary>
    public IReadOnlyList<string> WatchPaths => ModuleDirectories().Select(_fs.Map).ToArray();

    /// <inheritdoc />
    public SourceLoadResult Load(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var packages = new List<PackageRecord>();
        var problems = new List<string>();
        foreach (var modules in ModuleDirectories())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var dir in PackageDirectories(modules))
            {
                var manifest = dir + "/package.json";
                if (!_fs.FileExists(manifest))
                {
                    continue;
                }

                try
                {
                    using var json = JsonDocument.Parse(_fs.ReadText(manifest) ?? string.Empty);
                    var root = json.RootElement;
                    var name = Text(root, "name");
                    if (name.Length == 0)
                    {
                        problems.Add($"{manifest}: no name");
                    }
                    else if (seen.Add(name))
                    {
                        var depends = root.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object
                            ? PropertyNames(deps)
                            : [];
                        packages.Add(new PackageRecord(name, Name, Text(root, "version"), null, Text(root, "description"), null,
                            [], string.Empty, Text(root, "homepage"), 0, 0, RepoPrefix + modules, depends, "installed"));
                    }
                }
                catch (JsonException e)
                {
                    problems.Add($"{manifest}: {e.Message}");
                }
            }
        }

        return new SourceLoadResult(packages, problems, null);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ReadLicenses(PackageRecord package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var modules = package.Repo.StartsWith(RepoPrefix, StringComparison.Ordinal) ? package.Repo[RepoPrefix.Length..] : null;
        var text = modules is null ? null : _fs.ReadText($"{modules}/{package.Name}/package.json");
        if (text is null)
        {
            return [];
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            if (!json.RootElement.TryGetProperty("license", out var license))
            {
                return [];
            }

            // "license": "MIT", or the older { "type": "MIT", "url": ... }.
            var value = license.ValueKind == JsonValueKind.String ? license.GetString() : Text(license, "type");
            return string.IsNullOrEmpty(value) ? [] : [value];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private IEnumerable<string> PackageDirectories(string modules)
    {
        foreach (var dir in _fs.Directories(modules))
        {
            if (Path.GetFileName(dir).StartsWith('@'))
            {
                foreach (var scoped in _fs.Directories(dir))
                {
                    yield return scoped;
                }
            }
            else if (!Path.GetFileName(dir).StartsWith('.'))
            {
                yield return dir;
            }
        }
    }

    private List<string> ModuleDirectories()
    {
        var nodes = new RuntimeDetector(_options).Detect("node", CancellationToken.None)
            .OrderByDescending(r => r.IsDefault);
        var dirs = new List<string>();
        foreach (var node in nodes)
        {
            // A system node's path is its executable (/usr/bin/node -> /usr); an nvm node's its prefix.
            var prefix = node.Manager == "nvm" ? node.Path : Path.GetDirectoryName(Path.GetDirectoryName(node.Path)) ?? "/usr";
            dirs.Add(prefix + "/lib/node_modules");
        }

        dirs.Add("/usr/local/lib/node_modules");
        return dirs.Distinct(StringComparer.Ordinal).Where(_fs.DirectoryExists).ToList();
    }

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : string.Empty;

    // A loop rather than Select over JsonProperty (a struct): that instantiation was compiled at every start.
    private static string[] PropertyNames(JsonElement element)
    {
        var names = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            names.Add(property.Name);
        }

        return [.. names];
    }
}
