namespace Omg.Packages.Debian;

/// <summary>One version of a package in one list.</summary>
/// <param name="Version">Version string.</param>
/// <param name="Architecture">Architecture field (<c>all</c> stays <c>all</c>).</param>
/// <param name="Priority">
/// Pin priority: the list's (preferences applied), or that of the preferences record pinning this version.
/// </param>
/// <param name="ListIndex">Index of the list (and its buffer) in the load.</param>
/// <param name="Spans">Where the paragraph's fields sit in that buffer.</param>
/// <param name="PinOrder">Number of the preferences record pinning the version; <see cref="NotPinned"/> when none.</param>
internal readonly record struct AvailableVersion(string Version, string Architecture, int Priority, int ListIndex, RecordSpans Spans, int PinOrder = AvailableVersion.NotPinned)
{
    /// <summary>The <see cref="PinOrder"/> of a version no preferences record pins.</summary>
    public const int NotPinned = int.MaxValue;

    /// <summary>True when a preferences record decides this version's priority.</summary>
    public bool IsPinned => PinOrder != NotPinned;
}

/// <summary>Every version the lists carry for one (name, architecture) pair.</summary>
/// <param name="Name">Package name.</param>
/// <param name="Key">apt's full name (<c>name</c> or <c>name:arch</c> for a foreign architecture).</param>
/// <param name="first">The first version seen; most packages have no other.</param>
internal sealed class AvailablePackage(string Name, string Key, AvailableVersion first)
{
    // Only packages in several lists with different versions need more; 64k empty lists would cost GC time.
    private List<AvailableVersion>? _more;

    /// <summary>Package name.</summary>
    public string Name { get; } = Name;

    /// <summary>apt's full name.</summary>
    public string Key { get; } = Key;

    /// <summary>The first version seen (replaced when a higher-priority list has the same version).</summary>
    public AvailableVersion First { get; private set; } = first;

    /// <summary>How many distinct versions there are.</summary>
    public int Count => 1 + (_more?.Count ?? 0);

    /// <summary>The <paramref name="index"/>th version in the order first seen.</summary>
    public AvailableVersion this[int index] => index == 0 ? First : _more![index - 1];

    /// <summary>
    /// Adds a version from another list. For a version already known: a preferences record pinning it through
    /// any of its lists decides (the earliest record when several do), else the higher-priority list wins.
    /// </summary>
    public void Add(in AvailableVersion version)
    {
        for (var i = 0; i < Count; i++)
        {
            if (this[i].Version == version.Version)
            {
                if (version.PinOrder < this[i].PinOrder || (version.PinOrder == this[i].PinOrder && version.Priority > this[i].Priority))
                {
                    Set(i, version);
                }

                return;
            }
        }

        (_more ??= new List<AvailableVersion>(1)).Add(version);
    }

    private void Set(int index, in AvailableVersion version)
    {
        if (index == 0)
        {
            First = version;
        }
        else
        {
            _more![index - 1] = version;
        }
    }
}
