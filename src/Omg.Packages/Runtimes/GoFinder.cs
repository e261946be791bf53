namespace Omg.Packages.Runtimes;

/// <summary>
/// Go: <c>/usr/local/go</c>, Debian's <c>/usr/lib/go-*</c> and golang.org/dl's <c>~/sdk/go*</c>,
/// each with a <c>VERSION</c> file whose first line is <c>go1.x.y</c>.
/// </summary>
internal static class GoFinder
{
    public static IEnumerable<RuntimeCandidate> Find(FileSystemView fs, string home)
    {
        var dirs = new List<(string Dir, string Manager)> { ("/usr/local/go", "local") };
        dirs.AddRange(fs.Directories("/usr/lib", "go-*").Select(d => (d, "system")));
        dirs.AddRange(fs.Directories(home + "/sdk", "go*").Select(d => (d, "golang.org/dl")));
        foreach (var (dir, manager) in dirs)
        {
            var first = VersionText.FirstLine(fs.ReadText(dir + "/VERSION"));
            if (first is not null && !fs.IsLink(dir) && first.StartsWith("go", StringComparison.Ordinal))
            {
                yield return new RuntimeCandidate(new RuntimeInfo("go", first[2..], dir, manager, false), "go", dir);
            }
        }
    }
}
