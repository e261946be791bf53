namespace Omg.Packages.Runtimes;

/// <summary>Decides which candidates a plain command on the search path would run.</summary>
internal static class DefaultRuntimeResolver
{
    public static HashSet<RuntimeCandidate> Defaults(FileSystemView fs, string home, IReadOnlyList<VersionManager> managers,
        IReadOnlyList<string> searchPath, IReadOnlyList<RuntimeCandidate> candidates)
    {
        var defaults = new HashSet<RuntimeCandidate>();
        foreach (var command in candidates.Select(c => c.Command).Distinct())
        {
            var mine = candidates.Where(c => c.Command == command).ToList();
            var chosen = Choose(fs, home, managers, searchPath, command, mine);
            // Several versions can live under one owner (a dotnet root holds many SDKs): the host
            // picks the highest of each kind.
            foreach (var byName in chosen.GroupBy(c => c.Info.Name))
            {
                defaults.Add(byName.Aggregate((a, b) => VersionText.Compare(a.Info.Version, b.Info.Version) >= 0 ? a : b));
            }
        }

        return defaults;
    }

    private static IEnumerable<RuntimeCandidate> Choose(FileSystemView fs, string home, IReadOnlyList<VersionManager> managers,
        IReadOnlyList<string> searchPath, string command, List<RuntimeCandidate> candidates)
    {
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        while (Lookup(fs, searchPath, command, skipped) is { } found)
        {
            var (dir, resolved) = found;
            if (managers.FirstOrDefault(m => m.IsShim(resolved)) is { } manager)
            {
                var version = manager.SelectedVersion(fs);
                if (version is null or "system")
                {
                    // The manager hands over to the rest of the PATH.
                    skipped.Add(dir);
                    continue;
                }

                var path = $"{manager.Versions}/{version}";
                return candidates.Where(c => c.Info.Manager == manager.Name && c.Info.Path == path);
            }

            if (resolved.StartsWith(home + "/.cargo/bin/", StringComparison.Ordinal))
            {
                var toolchain = RustFinder.DefaultToolchain(fs, home);
                return toolchain is null ? [] : candidates.Where(c => c.Info.Manager == "rustup"
                    && (Path.GetFileName(c.Info.Path) == toolchain || Path.GetFileName(c.Info.Path).StartsWith(toolchain + "-", StringComparison.Ordinal)));
            }

            return candidates.Where(c =>
            {
                var owns = fs.Resolve(c.Owns);
                return resolved == owns || resolved.StartsWith(owns + "/", StringComparison.Ordinal);
            });
        }

        return [];
    }

    /// <summary>The first search-path directory holding the command, and the command's resolved path.</summary>
    private static (string Dir, string Resolved)? Lookup(FileSystemView fs, IReadOnlyList<string> searchPath, string command,
        HashSet<string> skipped)
    {
        foreach (var dir in searchPath)
        {
            if (!skipped.Contains(dir) && dir.StartsWith('/') && fs.FileExists($"{dir}/{command}"))
            {
                return (dir, fs.Resolve($"{dir}/{command}"));
            }
        }

        return null;
    }
}
