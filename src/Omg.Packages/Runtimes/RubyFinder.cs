namespace Omg.Packages.Runtimes;

/// <summary>
/// Ruby: the system's <c>/usr/bin/ruby</c> (version from <c>rbconfig.rb</c>'s
/// <c>RUBY_PROGRAM_VERSION</c> under <c>/usr/lib/&lt;triplet&gt;/ruby/</c>) and rbenv's
/// <c>versions/*</c> under its root (<c>~/.rbenv</c> or <c>$RBENV_ROOT</c>) (same file under <c>lib/ruby</c>, else the directory name).
/// </summary>
internal static class RubyFinder
{
    public static IEnumerable<RuntimeCandidate> Find(FileSystemView fs, VersionManager rbenv)
    {
        if (fs.FileExists("/usr/bin/ruby"))
        {
            var configs = fs.Directories("/usr/lib").SelectMany(d => fs.Directories(d + "/ruby")).Select(d => d + "/rbconfig.rb");
            var version = configs.Select(c => ProgramVersion(fs, c)).FirstOrDefault(v => v is not null) ?? "unknown";
            var exe = fs.Resolve("/usr/bin/ruby");
            yield return new RuntimeCandidate(new RuntimeInfo("ruby", version, exe, "system", false), "ruby", exe);
        }

        foreach (var dir in fs.Directories(rbenv.Versions))
        {
            var configs = fs.Directories(dir + "/lib/ruby").SelectMany(d => fs.Directories(d)).Select(d => d + "/rbconfig.rb");
            var version = configs.Select(c => ProgramVersion(fs, c)).FirstOrDefault(v => v is not null) ?? Path.GetFileName(dir);
            yield return new RuntimeCandidate(new RuntimeInfo("ruby", version, dir, "rbenv", false), "ruby", dir);
        }
    }

    private static string? ProgramVersion(FileSystemView fs, string rbconfig)
    {
        var text = fs.ReadText(rbconfig);
        if (text is null)
        {
            return null;
        }

        const string key = "CONFIG[\"RUBY_PROGRAM_VERSION\"] = \"";
        var at = text.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + key.Length;
        var end = text.IndexOf('"', start);
        return end > start ? text[start..end] : null;
    }
}
