namespace Omg;

/// <summary>Everything omgd knows about one package, from <c>Get-OmgPackage</c>.</summary>
public sealed class PackageDetail
{
    /// <summary>The package name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The best known version (installed, else candidate).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The description.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The backend that knows it.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>True when some version is installed.</summary>
    public bool Installed { get; init; }

    /// <summary>The upstream home page, or empty.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The installed size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>The size of the archive to download in bytes.</summary>
    public long DownloadSize { get; init; }

    /// <summary>The repository (suite/component) that offers it, or empty.</summary>
    public string Repo { get; init; } = string.Empty;

    /// <summary>The dependencies as the package states them.</summary>
    public TextList Depends { get; init; } = [];

    /// <summary>The licenses, as SPDX-like names where known.</summary>
    public TextList Licenses { get; init; } = [];

    /// <summary>The installed version, or null when not installed.</summary>
    public string? InstalledVersion { get; init; }

    /// <summary>The version an upgrade would install, or null when none is known.</summary>
    public string? CandidateVersion { get; init; }

    /// <summary>The architecture (<c>amd64</c>, <c>all</c>, ...), or empty.</summary>
    public string Architecture { get; init; } = string.Empty;

    /// <summary>True when a candidate newer than the installed version is known.</summary>
    public bool UpdateAvailable =>
        InstalledVersion is not null && CandidateVersion is not null && !string.Equals(InstalledVersion, CandidateVersion, StringComparison.Ordinal);

    /// <summary>The name, so that the object reads as its package in strings.</summary>
    public override string ToString() => Name;
}
