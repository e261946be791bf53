namespace Omg;

/// <summary>A package found by <c>Find-OmgPackage</c>: one line of a search.</summary>
public sealed class Package
{
    /// <summary>The package name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The best known version (installed, else candidate).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The one-line description.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The backend that knows it (<c>apt</c>, <c>dpkg</c>, ...).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>True when the package is installed.</summary>
    public bool Installed { get; init; }

    /// <summary>The name, so that the object reads as its package in strings.</summary>
    public override string ToString() => Name;
}
