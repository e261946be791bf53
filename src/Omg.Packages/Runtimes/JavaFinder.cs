namespace Omg.Packages.Runtimes;

/// <summary>
/// JVMs under <c>/usr/lib/jvm/*</c> and SDKMAN's <c>~/.sdkman/candidates/java/*</c> with a
/// <c>release</c> file (<c>JAVA_VERSION</c>); symlinked aliases are skipped.
/// </summary>
internal static class JavaFinder
{
    public static IEnumerable<RuntimeCandidate> Find(FileSystemView fs, string home)
    {
        var dirs = fs.Directories("/usr/lib/jvm").Select(d => (d, "system"))
            .Concat(fs.Directories(home + "/.sdkman/candidates/java").Select(d => (d, "sdkman")));
        foreach (var (dir, manager) in dirs)
        {
            var version = VersionText.Assignment(fs.ReadText(dir + "/release"), "JAVA_VERSION");
            if (version is not null && !fs.IsLink(dir))
            {
                yield return new RuntimeCandidate(new RuntimeInfo("java", version, dir, manager, false), "java", dir);
            }
        }
    }
}
