using Omg.Audit.Sources;
using Omg.Audit.Versions;

namespace Omg.Audit.Matching;

/// <summary>
/// Decides whether a version is affected by an entry, per the OSV schema's evaluation: events sorted in
/// the range's order (<c>0</c> before everything), walked up to the version; explicit <c>versions[]</c> match exactly.
/// </summary>
public static class RangeMatcher
{
    /// <summary>True when <paramref name="version"/> is affected; <paramref name="fixedVersion"/> is the first fix above it, if any.</summary>
    /// <param name="entry">The advisory entry.</param>
    /// <param name="version">The installed version.</param>
    /// <param name="ecosystemOrder">The order of ECOSYSTEM ranges and of <c>versions[]</c>.</param>
    /// <param name="semVerOrder">The order of SEMVER ranges.</param>
    /// <param name="fixedVersion">The lowest fix above <paramref name="version"/> in an affecting range, null when none is known.</param>
    public static bool IsAffected(AffectedEntry entry, string version, IVersionOrder ecosystemOrder, IVersionOrder semVerOrder, out string? fixedVersion)
    {
        fixedVersion = null;
        bool affected = false;
        foreach (AffectedRange range in entry.Ranges)
        {
            IVersionOrder order = range.SemVer ? semVerOrder : ecosystemOrder;
            if (!order.IsValid(version))
            {
                continue;
            }

            if (InRange(range, version, order, out string? fix))
            {
                affected = true;
                if (fix is not null && (fixedVersion is null || order.Compare(fix, fixedVersion) < 0))
                {
                    fixedVersion = fix;
                }
            }
        }

        if (!affected && entry.Versions.Count > 0 && ecosystemOrder.IsValid(version))
        {
            foreach (string listed in entry.Versions)
            {
                if (listed == version || (ecosystemOrder.IsValid(listed) && ecosystemOrder.Compare(listed, version) == 0))
                {
                    affected = true;
                    break;
                }
            }
        }

        return affected;
    }

    private static bool InRange(AffectedRange range, string version, IVersionOrder order, out string? fixedVersion)
    {
        fixedVersion = null;
        var events = new List<RangeEvent>(range.Events.Count);
        bool limited = false, belowSomeLimit = false;
        foreach (RangeEvent e in range.Events)
        {
            if (e.Kind == RangeEventKind.Limit)
            {
                limited = true;
                belowSomeLimit |= e.Version == "*" || (order.IsValid(e.Version) && order.Compare(version, e.Version) < 0);
                continue;
            }

            if ((e.Kind == RangeEventKind.Introduced && e.Version == "0") || order.IsValid(e.Version))
            {
                events.Add(e);
            }
        }

        if (limited && !belowSomeLimit)
        {
            return false;
        }

        events.Sort((a, b) => Compare(a, b, order));
        bool affected = false;
        int lastIntroduced = -1;
        for (int i = 0; i < events.Count; i++)
        {
            RangeEvent e = events[i];
            switch (e.Kind)
            {
                case RangeEventKind.Introduced when e.Version == "0" || order.Compare(version, e.Version) >= 0:
                    affected = true;
                    lastIntroduced = i;
                    break;
                case RangeEventKind.Fixed when order.Compare(version, e.Version) >= 0:
                    affected = false;
                    break;
                case RangeEventKind.LastAffected when order.Compare(version, e.Version) > 0:
                    affected = false;
                    break;
            }
        }

        if (affected)
        {
            for (int i = lastIntroduced + 1; i < events.Count; i++)
            {
                if (events[i].Kind == RangeEventKind.Fixed)
                {
                    fixedVersion = events[i].Version;
                    break;
                }
            }
        }

        return affected;
    }

    private static int Compare(RangeEvent a, RangeEvent b, IVersionOrder order)
    {
        bool aZero = a.Kind == RangeEventKind.Introduced && a.Version == "0";
        bool bZero = b.Kind == RangeEventKind.Introduced && b.Version == "0";
        if (aZero || bZero)
        {
            return aZero == bZero ? 0 : aZero ? -1 : 1;
        }

        int c = order.Compare(a.Version, b.Version);

        // At one version, a fix ends what an introduction there would start only if it came first; OSV puts introduced first.
        return c != 0 ? c : a.Kind.CompareTo(b.Kind);
    }
}
