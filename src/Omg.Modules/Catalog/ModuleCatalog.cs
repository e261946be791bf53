namespace Omg.Modules.Catalog;

/// <summary>
/// Where modules live: a dotted name <c>a.b.c</c> is the executable <c>&lt;root&gt;/a/b/c</c> under the first root that
/// has it, as SysInspect lays its modules out. Names arrive validated (dotted words of letters, digits, <c>_</c> and
/// <c>-</c>: no <c>..</c>, no <c>/</c>), so a name can never leave its root.
/// </summary>
public sealed class ModuleCatalog
{
    /// <summary>SysInspect's own module folder, searched after the configured roots.</summary>
    public const string SysInspectModules = "/usr/share/sysinspect/modules";

    private readonly Lock _gate = new();
    private Listing? _listing;

    /// <summary>Creates the catalog over <paramref name="roots"/>, searched in order.</summary>
    public ModuleCatalog(IReadOnlyList<string> roots) => Roots = roots;

    /// <summary>The roots searched, in order.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>
    /// The roots from configuration, then <c>OMG_MODULE_PATH</c> (colon-separated), then SysInspect's folder;
    /// each made absolute, duplicates dropped.
    /// </summary>
    public static IReadOnlyList<string> DefaultRoots(IEnumerable<string> configured, string? modulePath) =>
        configured
            .Concat((modulePath ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Append(SysInspectModules)
            .Where(r => r.Length > 0)
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The executable for <paramref name="name"/> under the first root that has one, or null.</summary>
    public string? Find(string name)
    {
        string relative = Path.Combine(name.Split('.'));
        foreach (string root in Roots)
        {
            string candidate = Path.Combine(root, relative);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Every module under the roots, by name (the first root wins), with its doc. Kept between calls and scanned again
    /// only when a folder under a root or a doc changed (their modification times), so listing is a few stats.
    /// </summary>
    public IReadOnlyList<CatalogEntry> List()
    {
        lock (_gate)
        {
            if (_listing is { } kept && kept.IsCurrent())
            {
                return kept.Entries;
            }

            _listing = Scan();
            return _listing.Entries;
        }
    }

    private Listing Scan()
    {
        TreeStamp stamp = TreeStamp.Take(Roots);
        var found = new SortedDictionary<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (string root in Roots)
        {
            string prefix = root.EndsWith('/') ? root : root + "/";
            foreach (string file in stamp.Files.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)))
            {
                if (file.EndsWith(ModuleDoc.Suffix, StringComparison.Ordinal) || !IsExecutable(file))
                {
                    continue;
                }

                string name = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '.');
                if (ModuleDoc.IsModuleName(name) && !found.ContainsKey(name))
                {
                    ModuleDoc? doc = ModuleDoc.Load(file, out string? problem);
                    found[name] = new CatalogEntry(name, file, doc, problem);
                }
            }
        }

        return new Listing([.. found.Values], stamp);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    // What one scan found, and the stamp of what it looked at.
    private sealed record Listing(IReadOnlyList<CatalogEntry> Entries, TreeStamp Stamp)
    {
        public bool IsCurrent() => Stamp.IsCurrent();
    }
}

/// <summary>A module the catalog found.</summary>
/// <param name="Name">Its dotted name.</param>
/// <param name="Path">Its executable.</param>
/// <param name="Doc">Its doc, or null when it has none or the doc could not be read.</param>
/// <param name="DocProblem">Why the doc beside it could not be read; null when there is none or it was read.</param>
public sealed record CatalogEntry(string Name, string Path, ModuleDoc? Doc, string? DocProblem = null);
