namespace Omg;

/// <summary>An installed language runtime from <c>Get-OmgRuntime</c>.</summary>
public sealed class Runtime
{
    /// <summary>The runtime (<c>python</c>, <c>node</c>, ...).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Its version.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Where its executable is.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>What installed it (<c>dpkg</c>, <c>pyenv</c>, ...), or empty.</summary>
    public string Manager { get; init; } = string.Empty;

    /// <summary>True for the one found first on PATH.</summary>
    public bool IsDefault { get; init; }

    /// <summary>The runtime's name and version, as <c>python 3.11.2</c>.</summary>
    public override string ToString() => $"{Name} {Version}";
}
