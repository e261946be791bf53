using System.Text.RegularExpressions;

namespace Omg.Packages.Debian;

/// <summary>
/// What <c>apt-get autoremove</c> would remove: apt's mark-and-sweep (pkgDepCache::MarkRequired/Sweep) over the
/// installed packages. Roots are manual, Essential, Protected/Important, Priority: required, on hold, or matching
/// <c>APT::NeverAutoRemove</c>. From each marked package every installed package that satisfies one of its
/// Depends, Pre-Depends, Recommends (if <c>APT::AutoRemove::RecommendsImportant</c>) and Suggests (if
/// <c>APT::AutoRemove::SuggestsImportant</c>) alternatives is marked, real or providing, keeping per source
/// package only the providers built from its highest source version. Unmarked installed packages are
/// garbage, except Priority: required ones. The running, latest and previous kernels are roots too
/// (<see cref="KernelProtection"/>).
/// </summary>
internal sealed class AutoRemoval
{
    private readonly Dictionary<string, InstalledPackage> _installed;
    private readonly DebianArchitectures _archs;
    private readonly Dictionary<string, List<(InstalledPackage Owner, string? Version)>> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InstalledPackage>> _byName = new(StringComparer.Ordinal);

    private AutoRemoval(Dictionary<string, InstalledPackage> installed, DebianArchitectures archs)
    {
        _installed = installed;
        _archs = archs;
        string[] allArchs = [archs.Native, .. archs.Foreign];
        foreach (var package in installed.Values)
        {
            if (!_byName.TryGetValue(package.Name, out var sameName))
            {
                _byName[package.Name] = sameName = [];
            }

            sameName.Add(package);
            // Multi-Arch: foreign packages (and what they provide) satisfy dependencies from every architecture.
            var foreign = package.MultiArch == "foreign";
            foreach (var arch in allArchs)
            {
                if (arch == package.ArchKey)
                {
                    foreach (var provide in package.Provides)
                    {
                        AddProvider(KeyOf(provide.Name, arch), package, provide.Version);
                    }
                }
                else if (foreign)
                {
                    AddProvider(KeyOf(package.Name, arch), package, package.Version);
                    foreach (var provide in package.Provides)
                    {
                        AddProvider(KeyOf(provide.Name, arch), package, provide.Version);
                    }
                }
            }
        }
    }

    /// <summary>The full names (<c>name</c> or <c>name:arch</c>) of the packages autoremove would remove, sorted.</summary>
    public static List<string> FindOrphans(Dictionary<string, InstalledPackage> installed, DebianArchitectures archs, AptConfig config, ISet<string> flaggedEssential, string? runningUname)
    {
        var followRecommends = config.GetBool("APT::AutoRemove::RecommendsImportant", true);
        var followSuggests = config.GetBool("APT::AutoRemove::SuggestsImportant", true);
        var neverRemove = config.GetList("APT::NeverAutoRemove")
            .Select(p => TryRegex(p))
            .OfType<Regex>()
            .ToList();
        var kernels = KernelProtection.ProtectedRegex(installed.Values, config.GetList("APT::VersionedKernelPackages"), runningUname, config.GetBool("APT::Protect-Kernels", true));
        if (kernels is not null && TryRegex(kernels) is { } kernelRegex)
        {
            neverRemove.Add(kernelRegex);
        }

        var removal = new AutoRemoval(installed, archs);
        var marked = new HashSet<InstalledPackage>();
        var pending = new Stack<InstalledPackage>();
        foreach (var package in installed.Values)
        {
            var isRoot = !package.Auto || package.Essential || package.Important || flaggedEssential.Contains(package.Key)
                || package.PriorityRequired || package.OnHold || neverRemove.Any(r => r.IsMatch(package.Name));
            if (isRoot && marked.Add(package))
            {
                pending.Push(package);
            }
        }

        while (pending.Count > 0)
        {
            var package = pending.Pop();
            removal.Follow(package, package.Depends, marked, pending);
            if (followRecommends)
            {
                removal.Follow(package, package.Recommends, marked, pending);
            }

            if (followSuggests)
            {
                removal.Follow(package, package.Suggests, marked, pending);
            }
        }

        return installed.Values
            .Where(p => !marked.Contains(p) && !p.PriorityRequired)
            .Select(p => p.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // apt compiles these as POSIX extended, case-insensitive regular expressions searched anywhere in the name.
    private static Regex? TryRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private void Follow(InstalledPackage from, List<Relation[]> groups, HashSet<InstalledPackage> marked, Stack<InstalledPackage> pending)
    {
        var satisfying = new List<(InstalledPackage Package, string? Version)>();
        foreach (var group in groups)
        {
            // apt looks at every alternative of a group separately, so all installed alternatives stay.
            foreach (var relation in group)
            {
                satisfying.Clear();
                Collect(from, relation, satisfying);
                foreach (var package in KeepHighestSourceVersions(satisfying))
                {
                    if (marked.Add(package))
                    {
                        pending.Push(package);
                    }
                }
            }
        }
    }

    private void Collect(InstalledPackage from, Relation relation, List<(InstalledPackage Package, string? Version)> satisfying)
    {
        if (relation.ArchQualifier == "any")
        {
            // foo:any is satisfied by foo of any architecture that is Multi-Arch: allowed.
            if (_byName.TryGetValue(relation.Name, out var sameName))
            {
                satisfying.AddRange(sameName.Where(p => p.MultiArch == "allowed" && relation.IsSatisfiedBy(p.Version)).Select(p => (p, (string?)p.Version)));
            }

            return;
        }

        var arch = relation.ArchQualifier is null ? from.ArchKey : relation.ArchQualifier == "native" ? _archs.Native : relation.ArchQualifier;
        var key = KeyOf(relation.Name, arch);
        if (_installed.TryGetValue(key, out var real) && relation.IsSatisfiedBy(real.Version))
        {
            satisfying.Add((real, real.Version));
        }

        if (_providers.TryGetValue(key, out var providers))
        {
            foreach (var (owner, version) in providers)
            {
                if (relation.IsSatisfiedBy(version))
                {
                    satisfying.Add((owner, version));
                }
            }
        }
    }

    // "only latest binary package of a source package is marked instead of all" (apt's MarkPackage).
    private static IEnumerable<InstalledPackage> KeepHighestSourceVersions(List<(InstalledPackage Package, string? Version)> satisfying)
    {
        if (satisfying.Count <= 1)
        {
            return satisfying.Select(s => s.Package);
        }

        return satisfying
            .GroupBy(s => s.Package.SourceName, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var highest = g.Select(s => s.Package.SourceVersion).Aggregate((a, b) => DebianVersion.Compare(a, b) >= 0 ? a : b);
                return g.Where(s => s.Package.SourceVersion == highest).Select(s => s.Package);
            });
    }

    private void AddProvider(string key, InstalledPackage owner, string? version)
    {
        if (!_providers.TryGetValue(key, out var list))
        {
            _providers[key] = list = [];
        }

        list.Add((owner, version));
    }

    private string KeyOf(string name, string arch) => arch == _archs.Native || arch == "all" ? name : name + ":" + arch;
}
