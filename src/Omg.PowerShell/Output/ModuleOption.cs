namespace Omg;

/// <summary>An option a module's doc declares (one of <see cref="Module.Options"/>).</summary>
public sealed class ModuleOption
{
    /// <summary>The name to pass in <c>-Option</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>What it does.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
