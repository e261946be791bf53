namespace Omg.Packages.Runtimes;

/// <summary>
/// Node: <c>/usr/bin/node</c> and <c>/usr/local/bin/node</c> (version from
/// <c>include/node/node_version.h</c> beside them), and nvm's <c>~/.nvm/versions/node/v*</c>.
/// </summary>
internal static class NodeFinder
{
    public static IEnumerable<RuntimeCandidate> Find(FileSystemView fs, string home)
    {
        foreach (var (prefix, manager) in new[] { ("/usr", "system"), ("/usr/local", "local") })
        {
            var exe = prefix + "/bin/node";
            if (fs.FileExists(exe))
            {
                var version = HeaderVersion(fs, prefix) ?? "unknown";
                yield return new RuntimeCandidate(new RuntimeInfo("node", version, exe, manager, false), "node", exe);
            }
        }

        foreach (var dir in fs.Directories(home + "/.nvm/versions/node", "v*"))
        {
            if (fs.FileExists(dir + "/bin/node"))
            {
                var version = HeaderVersion(fs, dir) ?? Path.GetFileName(dir).TrimStart('v');
                yield return new RuntimeCandidate(new RuntimeInfo("node", version, dir, "nvm", false), "node", dir);
            }
        }
    }

    private static string? HeaderVersion(FileSystemView fs, string prefix)
    {
        var header = fs.ReadText(prefix + "/include/node/node_version.h");
        var major = VersionText.Define(header, "NODE_MAJOR_VERSION");
        var minor = VersionText.Define(header, "NODE_MINOR_VERSION");
        var patch = VersionText.Define(header, "NODE_PATCH_VERSION");
        return major is null || minor is null || patch is null ? null : $"{major}.{minor}.{patch}";
    }
}
