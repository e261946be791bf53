namespace Omg;

/// <summary>One language runtime and its version, as <c>Get-OmgStatus</c> lists them.</summary>
public sealed class RuntimeVersion
{
    /// <summary>The runtime (<c>python</c>, <c>node</c>, ...).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Its version.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary><c>name version</c>, which is how the status table shows the list.</summary>
    public override string ToString() => $"{Name} {Version}";
}
