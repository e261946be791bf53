namespace Omg;

/// <summary>The machine's package summary from <c>Get-OmgStatus</c>.</summary>
public sealed class SystemStatus
{
    /// <summary>Installed packages.</summary>
    public long TotalPackages { get; init; }

    /// <summary>Packages installed on purpose, not as dependencies.</summary>
    public long ExplicitPackages { get; init; }

    /// <summary>Automatically installed packages nothing depends on any more.</summary>
    public long OrphanPackages { get; init; }

    /// <summary>Installed packages with a newer candidate.</summary>
    public long UpdatesAvailable { get; init; }

    /// <summary>
    /// Known vulnerabilities in installed packages; null when no advisories are loaded, since a 0 then would claim a
    /// clean machine that nothing was checked against.
    /// </summary>
    public long? SecurityVulnerabilities { get; init; }

    /// <summary>The language runtimes found, as objects.</summary>
    public RuntimeVersion[] RuntimeVersions { get; init; } = [];

    /// <summary>What omgd could not read or check, in words.</summary>
    public TextList Problems { get; init; } = [];

    /// <summary>True when advisory data is loaded, so that the vulnerability count means something.</summary>
    public bool AdvisoriesLoaded { get; init; }

    /// <summary>The installed packages with a newer candidate, by name (<c>apt list --upgradable</c>); pipe them to <c>Get-OmgPackage</c> for versions.</summary>
    public TextList Upgradable { get; init; } = [];

    /// <summary>The packages <c>apt-get autoremove</c> would remove, by name.</summary>
    public TextList Orphans { get; init; } = [];

    /// <summary>The counts in one line; the vulnerabilities say <c>unknown</c> while no advisories are loaded.</summary>
    public override string ToString() =>
        $"{TotalPackages} packages ({ExplicitPackages} explicit, {OrphanPackages} orphaned), {UpdatesAvailable} upgradable, " +
        $"vulnerabilities: {(SecurityVulnerabilities is { } count ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}";
}
