namespace Omg.Packages.Debian;

/// <summary>
/// apt's candidate choice with default pins only (no preferences files): walking versions from highest to
/// lowest, the candidate is the first version whose priority beats every higher version's; the walk stops at
/// the installed version (priority at least 100, the status file's), because only a pin of 1000 or more could
/// make apt downgrade.
/// </summary>
internal static class CandidatePolicy
{
    private const int StatusPriority = 100;

    /// <summary>
    /// The candidate for <paramref name="installedVersion"/> (null when not installed): the list version apt
    /// would install, or null when apt's candidate is the installed version itself or nothing.
    /// </summary>
    public static AvailableVersion? Select(AvailablePackage? available, string? installedVersion)
    {
        if (available is null)
        {
            return null;
        }

        AvailableVersion? best = null;
        var max = int.MinValue;
        var matched = false;
        // Most packages have one version: walk it without sorting or allocating.
        var sorted = available.Count == 1 ? null : Descending(available);
        for (var i = 0; i < available.Count; i++)
        {
            var version = sorted is null ? available.First : sorted[i];
            var order = installedVersion is null ? 1 : DebianVersion.Compare(version.Version, installedVersion);
            if (order < 0)
            {
                break;
            }

            var priority = order == 0 ? Math.Max(version.Priority, StatusPriority) : version.Priority;
            if (priority > max)
            {
                best = version;
                max = priority;
            }

            if (order == 0)
            {
                matched = true;
                break;
            }
        }

        if (installedVersion is not null && !matched && StatusPriority > max)
        {
            // The installed version, known only from the status file, outranks every higher list version.
            return null;
        }

        return best is { } b && installedVersion is not null && DebianVersion.Compare(b.Version, installedVersion) == 0 ? null : best;
    }

    /// <summary>The list version with the highest priority, then the highest version (ignores what is installed).</summary>
    public static AvailableVersion? Highest(AvailablePackage? available)
    {
        if (available is null)
        {
            return null;
        }

        var best = available.First;
        for (var i = 1; i < available.Count; i++)
        {
            var v = available[i];
            if (v.Priority > best.Priority || (v.Priority == best.Priority && DebianVersion.Compare(v.Version, best.Version) > 0))
            {
                best = v;
            }
        }

        return best;
    }

    private static AvailableVersion[] Descending(AvailablePackage versions)
    {
        var sorted = new AvailableVersion[versions.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = versions[i];
        }

        Array.Sort(sorted, (x, y) => DebianVersion.Compare(y.Version, x.Version));
        return sorted;
    }
}
