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

    /// <summary>Creates the catalog over <paramref name="roots"/>, searched in order.</summary>
    public ModuleCatalog(IReadOnlyList<string> roots) => Roots = roots;

    /// <summary>The roots searched, in order.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>
    /// The roots from configuration, then <c>OMG_MODULE_PATH</c> (colon-separated), then SysInspect's folder;
    /// duplicates and empty entries dropped.
    /// </summary>
    public static IReadOnlyList<string> DefaultRoots(IEnumerable<string> configured, string? modulePath) =>
        configured
            .Concat((modulePath ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Append(SysInspectModules)
            .Where(r => r.Length > 0)
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The executable of module <paramref name="name"/>, or null when no root has one.</summary>
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

    /// <summary>Every module under the roots, by name (the first root wins for a name found twice), with its doc.</summary>
    public IReadOnlyList<CatalogEntry> List()
    {
        var found = new SortedDictionary<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (string root in Roots.Where(Directory.Exists))
        {
            IEnumerable<string> files;
            try
            {
                files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (string file in files)
            {
                if (file.EndsWith(ModuleDoc.Suffix, StringComparison.Ordinal) || !IsExecutable(file))
                {
                    continue;
                }

                string name = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '.');
                if (ModuleDoc.IsModuleName(name) && !found.ContainsKey(name))
                {
                    found[name] = new CatalogEntry(name, file, ModuleDoc.TryLoad(file));
                }
            }
        }

        return [.. found.Values];
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}

/// <summary>One module of the catalog.</summary>
/// <param name="Name">Dotted name.</param>
/// <param name="Path">The executable.</param>
/// <param name="Doc">Its <c>.mod_doc.yaml</c>, null when it has none or a bad one.</param>
public sealed record CatalogEntry(string Name, string Path, ModuleDoc? Doc);
