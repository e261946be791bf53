using System.Runtime.CompilerServices;

namespace Omg.Packages.Debian;

/// <summary>
/// apt's candidate choice (apt 2.x): of all versions, highest first, the candidate is the one with the highest
/// priority, the higher version winning ties; priority 0 and negative priorities never win; a version below
/// the installed one only with priority 1000 or more (a downgrade). A version's priority is that of the
/// preferences record pinning it, else the highest of its lists' (<see cref="AptPreferences.FilePriority"/>),
/// with dpkg's status counting as a list of priority 100 for the installed version.
/// </summary>
internal static class CandidatePolicy
{
    private const int StatusPriority = 100;
    private const int DowngradePriority = 1000;

    /// <summary>
    /// The candidate for <paramref name="installedVersion"/> (null when not installed): the list version apt
    /// would install, or null when apt's candidate is the installed version itself or nothing.
    /// </summary>
    /// <param name="available">The package's list versions.</param>
    /// <param name="installedVersion">The installed version, null when not installed.</param>
    /// <param name="installedPin">The preferences record pinning the installed version through dpkg's status, if any.</param>
    public static AvailableVersion? Select(AvailablePackage? available, string? installedVersion, (int Priority, int Order)? installedPin = null) =>
        Choose(available, installedVersion, installedPin).Version;

    /// <summary>
    /// apt's candidate: a list version, or the installed version (<c>Installed</c> true), or neither (apt's
    /// "(none)", when every version is pinned below 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (AvailableVersion? Version, bool Installed) Choose(AvailablePackage? available, string? installedVersion, (int Priority, int Order)? installedPin = null)
    {
        var candidatePriority = -1;
        AvailableVersion? candidate = null;
        var installedIsCandidate = false;

        // The installed version takes part even when no list has it (its only "list" is dpkg's status): it is
        // weighed at its place in the walk, just before the first lower list version, or after them all.
        var statusOnlyPending = installedVersion is not null;
        var count = available?.Count ?? 0;

        // Most packages have one version: walk it without sorting or allocating.
        var sorted = count <= 1 ? null : Descending(available!);
        for (var i = 0; i < count; i++)
        {
            var version = sorted is null ? available!.First : sorted[i];
            var order = installedVersion is null ? 1 : DebianVersion.Compare(version.Version, installedVersion);
            if (order < 0)
            {
                ConsiderStatusOnly();
            }

            statusOnlyPending &= order != 0;
            if (Consider(PriorityOf(version, order, installedPin), order, ref candidatePriority))
            {
                candidate = order == 0 ? null : version;
                installedIsCandidate = order == 0;
            }
        }

        ConsiderStatusOnly();
        return (candidate, installedIsCandidate);

        void ConsiderStatusOnly()
        {
            if (statusOnlyPending && Consider(installedPin?.Priority ?? StatusPriority, order: 0, ref candidatePriority))
            {
                (candidate, installedIsCandidate) = (null, true);
            }

            statusOnlyPending = false;
        }
    }

    // A pinned version has its record's priority. Else the best of its lists', and for the installed version
    // dpkg's status counts as one more list (priority 100), which a record may pin too.
    private static int PriorityOf(in AvailableVersion version, int order, (int Priority, int Order)? installedPin)
    {
        if (order == 0 && installedPin is { } status && status.Order < version.PinOrder)
        {
            return status.Priority;
        }

        return version.IsPinned ? version.Priority
            : order == 0 ? Math.Max(version.Priority, StatusPriority)
            : version.Priority;
    }

    private static bool Consider(int priority, int order, ref int candidatePriority)
    {
        if (priority == 0 || priority <= candidatePriority || (order < 0 && priority < DowngradePriority))
        {
            return false;
        }

        candidatePriority = priority;
        return true;
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
