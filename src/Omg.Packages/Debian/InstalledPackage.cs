namespace Omg.Packages.Debian;

/// <summary>One package dpkg counts as installed, from the status file.</summary>
internal sealed class InstalledPackage
{
    /// <summary>Package name.</summary>
    public required string Name { get; init; }

    /// <summary>apt's full name: the name, with <c>:arch</c> for a foreign architecture.</summary>
    public required string Key { get; init; }

    /// <summary>Architecture as the status file says (<c>all</c> stays <c>all</c>).</summary>
    public required string Architecture { get; init; }

    /// <summary>Architecture the package lives in for dependency purposes (<c>all</c> maps to native).</summary>
    public required string ArchKey { get; init; }

    /// <summary>Installed version.</summary>
    public required string Version { get; init; }

    /// <summary>dpkg state word (<c>installed</c>, <c>half-configured</c>, ...).</summary>
    public required string State { get; init; }

    /// <summary>True when the selection is <c>hold</c>.</summary>
    public bool OnHold { get; init; }

    /// <summary>Essential: yes.</summary>
    public bool Essential { get; init; }

    /// <summary>Protected: yes or Important: yes (apt's Important flag).</summary>
    public bool Important { get; init; }

    /// <summary>Priority: required.</summary>
    public bool PriorityRequired { get; init; }

    /// <summary>Marked Auto-Installed in extended_states.</summary>
    public bool Auto { get; set; }

    /// <summary>Multi-Arch value (lower case), empty when absent.</summary>
    public required string MultiArch { get; init; }

    /// <summary>Source package name (the package's own name when no Source field).</summary>
    public required string SourceName { get; init; }

    /// <summary>Source version (the package version when Source has none).</summary>
    public required string SourceVersion { get; init; }

    /// <summary>Depends and Pre-Depends groups.</summary>
    public required List<Relation[]> Depends { get; init; }

    /// <summary>Recommends groups.</summary>
    public required List<Relation[]> Recommends { get; init; }

    /// <summary>Suggests groups.</summary>
    public required List<Relation[]> Suggests { get; init; }

    /// <summary>Provides entries.</summary>
    public required List<Relation> Provides { get; init; }

    /// <summary>Data for the package record.</summary>
    public required RecordFields Fields { get; init; }
}
