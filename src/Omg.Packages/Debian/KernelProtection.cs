using System.Text;

namespace Omg.Packages.Debian;

/// <summary>
/// apt's automatic kernel protection (APT::KernelAutoRemoveHelper): of the installed versioned kernel images
/// (<c>linux-image-&lt;uname&gt;</c>, <c>kfreebsd-image-</c>, <c>gnumach-image-</c>), the running one, the latest
/// and, when that makes fewer than two, the previous one are kept, together with every package named
/// <c>&lt;APT::VersionedKernelPackages pattern&gt;-&lt;their uname&gt;</c> (headers, modules, ...).
/// </summary>
internal static class KernelProtection
{
    private static readonly string[] ImagePrefixes = ["linux-image-", "kfreebsd-image-", "gnumach-image-"];

    /// <summary>
    /// The regular expression apt adds to the autoremove root set, or null when nothing is protected.
    /// <paramref name="runningUname"/> is <c>uname -r</c>, or null when the root is not the running system.
    /// </summary>
    public static string? ProtectedRegex(IEnumerable<InstalledPackage> installed, IReadOnlyList<string> versionedPatterns, string? runningUname, bool enabled)
    {
        if (!enabled)
        {
            return null;
        }

        var versionToUnames = new SortedDictionary<string, List<string>>(Comparer<string>.Create(DebianVersion.Compare));
        string? bootedVersion = null;
        foreach (var package in installed)
        {
            var uname = UnameOf(package.Name);
            if (uname is null)
            {
                continue;
            }

            if (!versionToUnames.TryGetValue(package.Version, out var unames))
            {
                versionToUnames[package.Version] = unames = [];
            }

            unames.Add(uname);
            if (uname == runningUname)
            {
                bootedVersion = package.Version;
            }
        }

        if (versionToUnames.Count == 0)
        {
            return null;
        }

        var keep = new HashSet<string>(StringComparer.Ordinal);
        if (bootedVersion is not null)
        {
            keep.Add(bootedVersion);
        }

        var descending = versionToUnames.Keys.Reverse().ToList();
        keep.Add(descending[0]);
        if (keep.Count < 2 && descending.Count > 1)
        {
            keep.Add(descending[1]);
        }

        var regex = new StringBuilder();
        foreach (var pattern in versionedPatterns)
        {
            // apt always protects the running uname too ("legacy compatibility").
            if (!string.IsNullOrEmpty(runningUname))
            {
                regex.Append("|^").Append(pattern).Append('-').Append(Escape(runningUname)).Append('$');
            }

            foreach (var (version, unames) in versionToUnames)
            {
                if (keep.Contains(version))
                {
                    foreach (var uname in unames)
                    {
                        regex.Append("|^").Append(pattern).Append('-').Append(Escape(uname)).Append('$');
                    }
                }
            }
        }

        return regex.Length == 0 ? null : regex.ToString(1, regex.Length - 1);
    }

    /// <summary>The uname part of a versioned kernel image name (<c>6.1.0-28-amd64</c>), else null.</summary>
    public static string? UnameOf(string name)
    {
        foreach (var prefix in ImagePrefixes)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.EndsWith("-dbgsym", StringComparison.Ordinal) || name.EndsWith("-dbg", StringComparison.Ordinal))
            {
                continue;
            }

            var uname = name[prefix.Length..];
            var digits = 0;
            while (digits < uname.Length && char.IsAsciiDigit(uname[digits]))
            {
                digits++;
            }

            if (uname.Length >= 2 && digits > 0 && digits < uname.Length && uname[digits] == '.')
            {
                return uname;
            }
        }

        return null;
    }

    // apt escapes only '.' and '+' in unames.
    private static string Escape(string uname) => uname.Replace(".", "\\.", StringComparison.Ordinal).Replace("+", "\\+", StringComparison.Ordinal);
}
