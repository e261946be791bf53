using Omg.Packages.Compression;

namespace Omg.Packages.Debian;

/// <summary>Kinds of file in apt's lists directory this backend reads.</summary>
internal enum ListFileKind
{
    Packages,
    Translation,
}

/// <summary>One Packages or Translation index in apt's lists directory.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Kind">Packages or Translation.</param>
/// <param name="Repo">Suite/component such as <c>bookworm/main</c>.</param>
/// <param name="Priority">apt's default pin priority of the file's release (preferences not applied).</param>
internal sealed record ListFile(string Path, ListFileKind Kind, string Repo, int Priority)
{
    private const string DistsMarker = "_dists_";

    /// <summary>
    /// dpkg's status file in the role apt gives it for pinning: a list of archive <c>now</c> with no site, which
    /// <c>Pin: release a=now</c> and <c>release *</c> match and <c>Pin: origin</c> never does.
    /// </summary>
    public static ListFile Status { get; } = new("/var/lib/dpkg/status", ListFileKind.Packages, "now", 100) { Release = new ReleaseInfo("now", 100) { Archive = "now" } };

    /// <summary>The release the file belongs to, null without a Release file.</summary>
    public ReleaseInfo? Release { get; init; }

    /// <summary>
    /// The repository's host (<c>deb.debian.org</c>), what <c>Pin: origin</c> matches; empty for local
    /// (<c>file:</c>) repositories, whose list names begin with <c>_</c>.
    /// </summary>
    // Pins may compare these for every paragraph of a list: they are worked out once, with the file.
    public string Site { get; } = SiteOf(System.IO.Path.GetFileName(Path));

    /// <summary>The component (<c>main</c>), what <c>c=</c> pins match; empty when the name has none.</summary>
    public string Component { get; } = Repo.Contains('/') ? Repo[(Repo.IndexOf('/') + 1)..] : string.Empty;

    /// <summary>The architecture of a Packages index (<c>amd64</c> from <c>binary-amd64</c>), what <c>b=</c> pins match.</summary>
    public string Architecture { get; } = ArchitectureOf(System.IO.Path.GetFileName(Path));

    private static string SiteOf(string fileName)
    {
        var end = fileName.IndexOf('_');
        return end <= 0 ? string.Empty : fileName[..end];
    }

    private static string ArchitectureOf(string fileName)
    {
        var at = fileName.LastIndexOf("_binary-", StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var rest = fileName[(at + "_binary-".Length)..];
        var end = rest.IndexOf('_');
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>
    /// Finds the indexes in <paramref name="listsDir"/>. apt names them
    /// <c>host_path_dists_SUITE_COMPONENT_binary-ARCH_Packages[.ext]</c>; the suite comes from the
    /// longest matching <c>..._InRelease</c>/<c>..._Release</c> file (Codename, else Suite), else from the name.
    /// One file per index: an uncompressed copy wins over compressed ones. Unsupported compressions are reported.
    /// With <paramref name="sources"/>, lists no configured repository refers to are left out, as apt leaves them out.
    /// </summary>
    public static List<ListFile> Discover(string listsDir, List<string> problems, AptSources? sources = null)
    {
        string[] names;
        if (!Directory.Exists(listsDir))
        {
            // Said, not silently read as "no packages available": without lists nothing can be upgradable or
            // searched beyond what is installed, and Status must not look like an up-to-date machine.
            problems.Add($"{listsDir}: missing, so apt knows no available packages (no candidates, no updates); run 'apt-get update'");
            return [];
        }

        try
        {
            names = Directory.GetFiles(listsDir).Select(System.IO.Path.GetFileName).OfType<string>().ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{listsDir}: unreadable ({e.Message})");
            return [];
        }

        Array.Sort(names, StringComparer.Ordinal);
        var releases = new Dictionary<string, ReleaseInfo>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var prefix = name.EndsWith("_InRelease", StringComparison.Ordinal) ? name[..^"InRelease".Length]
                : name.EndsWith("_Release", StringComparison.Ordinal) ? name[..^"Release".Length]
                : null;
            if (prefix is null || releases.ContainsKey(prefix))
            {
                continue;
            }

            try
            {
                releases[prefix] = ReleaseInfo.Parse(File.ReadAllBytes(System.IO.Path.Combine(listsDir, name)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{System.IO.Path.Combine(listsDir, name)}: unreadable ({e.Message})");
            }
        }

        var files = new List<ListFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.OrderBy(n => IndexDecompressor.FromFileName(n) == IndexCompression.None ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal))
        {
            var kind = ClassifyIndex(name, out var baseName);
            if (kind is null)
            {
                continue;
            }

            var path = System.IO.Path.Combine(listsDir, name);
            if (IndexDecompressor.FromFileName(name) == IndexCompression.Unknown)
            {
                problems.Add($"{path}: skipped, unsupported compression");
                continue;
            }

            if (sources is not null && !sources.Covers(baseName))
            {
                continue;
            }

            if (!seen.Add(baseName))
            {
                continue;
            }

            var release = releases.Where(r => name.StartsWith(r.Key, StringComparison.Ordinal))
                .OrderByDescending(r => r.Key.Length)
                .Select(r => (Prefix: r.Key, Info: r.Value))
                .FirstOrDefault();
            files.Add(new ListFile(path, kind.Value, RepoOf(baseName, release.Prefix, release.Info?.Suite), release.Info?.Priority ?? 500) { Release = release.Info });
        }

        return files;
    }

    // Packages indexes and Translation files, with the name minus compression suffix.
    private static ListFileKind? ClassifyIndex(string name, out string baseName)
    {
        baseName = name;
        var packages = name.LastIndexOf("_Packages", StringComparison.Ordinal);
        if (packages >= 0)
        {
            var rest = name[(packages + "_Packages".Length)..];
            if (rest.Length == 0 || (rest[0] == '.' && !rest.Contains('_')))
            {
                baseName = name[..(packages + "_Packages".Length)];
                return ListFileKind.Packages;
            }

            return null;
        }

        var translation = name.LastIndexOf("_i18n_Translation-", StringComparison.Ordinal);
        if (translation >= 0)
        {
            var dot = name.IndexOf('.', translation);
            baseName = dot < 0 ? name : name[..dot];
            return ListFileKind.Translation;
        }

        return null;
    }

    // bookworm/main from "..._dists_bookworm_main_binary-amd64_Packages".
    private static string RepoOf(string baseName, string? releasePrefix, string? suite)
    {
        var dists = baseName.IndexOf(DistsMarker, StringComparison.Ordinal);
        var afterSuite = releasePrefix is not null && baseName.StartsWith(releasePrefix, StringComparison.Ordinal)
            ? baseName[releasePrefix.Length..]
            : null;
        if (suite is null || afterSuite is null)
        {
            // Without a Release file the suite is the name's segment after _dists_ (apt escapes '/' as '_').
            var tail = dists < 0 ? baseName : baseName[(dists + DistsMarker.Length)..];
            var parts = tail.Split('_');
            suite ??= parts[0];
            afterSuite ??= string.Join('_', parts.Skip(1));
        }

        var end = afterSuite.IndexOf("_binary-", StringComparison.Ordinal);
        if (end < 0)
        {
            end = afterSuite.IndexOf("_i18n_", StringComparison.Ordinal);
        }

        var component = (end < 0 ? afterSuite : afterSuite[..end]).Replace('_', '/');
        return component.Length == 0 ? suite : suite + "/" + component;
    }
}
