namespace Omg.Packages;

/// <summary>
/// One package as the index knows it, from any source (dpkg/apt, npm globals, Python distributions).
/// One record per (source, name): the Debian source folds every architecture and list into the
/// record of the native architecture's candidate, keeping the installed version beside it.
/// </summary>
/// <param name="Name">Package name as the source spells it (Debian names are lower case).</param>
/// <param name="Source">Where it comes from: <c>apt</c>, <c>npm</c> or <c>pypi</c>.</param>
/// <param name="InstalledVersion">Installed version, or null when only available.</param>
/// <param name="CandidateVersion">Highest available version, or null when no list carries it.</param>
/// <param name="Description">The one-line synopsis.</param>
/// <param name="LongDescription">The extended description when known (status, lists or Translation files).</param>
/// <param name="Provides">Names this package Provides (virtual packages), without versions.</param>
/// <param name="Architecture">Architecture of the record's version (<c>amd64</c>, <c>all</c>, ...), empty when not applicable.</param>
/// <param name="Homepage">Homepage URL, empty when none.</param>
/// <param name="InstalledSize">Installed size in bytes (dpkg's Installed-Size is KiB; sources convert).</param>
/// <param name="DownloadSize">Size of the archive in bytes, 0 when unknown.</param>
/// <param name="Repo">Suite/component such as <c>bookworm/main</c>; for installed-only packages <c>installed</c>.</param>
/// <param name="Depends">Names from Depends and Pre-Depends (first of each alternative group, no versions).</param>
/// <param name="State">Installation state as dpkg reports it (<c>installed</c>, <c>half-configured</c>, ...), empty when not installed.</param>
public sealed record PackageRecord(
    string Name,
    string Source,
    string? InstalledVersion,
    string? CandidateVersion,
    string Description,
    string? LongDescription,
    IReadOnlyList<string> Provides,
    string Architecture,
    string Homepage,
    long InstalledSize,
    long DownloadSize,
    string Repo,
    IReadOnlyList<string> Depends,
    string State)
{
    /// <summary>The version users see first: the installed one, else the candidate.</summary>
    public string Version => InstalledVersion ?? CandidateVersion ?? string.Empty;

    /// <summary>True when some version of the package is installed.</summary>
    public bool IsInstalled => InstalledVersion is not null;
}
