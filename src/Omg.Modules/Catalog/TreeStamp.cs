namespace Omg.Modules.Catalog;

/// <summary>
/// The modification time and mode of every folder and file under some roots, taken once and compared later: what the
/// module catalogs keep to know, with a few stats instead of a rescan, that nothing under their roots changed. Adding,
/// removing or renaming a file changes its folder's time, editing a file in place its own, chmod +x its mode.
/// </summary>
public sealed class TreeStamp
{
    private readonly (string Path, DateTime Stamp)[] _entries;

    private TreeStamp((string Path, DateTime Stamp)[] entries) => _entries = entries;

    /// <summary>
    /// The stamp of <paramref name="roots"/> and everything under them (8 levels deep), a root that does not exist
    /// included, leaving out the folders named <paramref name="ignoredFolder"/> (what a scan itself writes).
    /// </summary>
    public static TreeStamp Take(IEnumerable<string> roots, string? ignoredFolder = null)
    {
        var entries = new List<(string, DateTime)>();
        foreach (string root in roots)
        {
            entries.Add((root, Of(root)));
            if (!Directory.Exists(root))
            {
                continue;
            }

            try
            {
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 };
                string? ignored = ignoredFolder is null ? null : "/" + ignoredFolder;
                entries.AddRange(Directory.EnumerateFileSystemEntries(root, "*", options)
                    .Where(p => ignored is null || !(p.EndsWith(ignored, StringComparison.Ordinal) || p.Contains(ignored + "/", StringComparison.Ordinal)))
                    .Select(p => (p, Of(p))));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A root that cannot be read is stamped as it stands; reading it again is the next scan's to try.
            }
        }

        return new TreeStamp([.. entries]);
    }

    /// <summary>The files seen when the stamp was taken.</summary>
    public IEnumerable<string> Files => _entries.Select(e => e.Path).Where(File.Exists);

    /// <summary>Whether every folder and file stamped is as it was (a new file shows as its folder's change).</summary>
    public bool IsCurrent() => _entries.All(e => Of(e.Path) == e.Stamp);

    // Modification time and mode bits in one value; MinValue for what is gone.
    private static DateTime Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists || Directory.Exists(path)
                ? info.LastWriteTimeUtc.AddTicks((long)info.UnixFileMode & 0xfff)
                : DateTime.MinValue;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DateTime.MinValue;
        }
    }
}
