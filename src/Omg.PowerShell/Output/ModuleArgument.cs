namespace Omg;

/// <summary>An argument a module's doc declares (one of <see cref="Module.Arguments"/>).</summary>
public sealed class ModuleArgument
{
    /// <summary>The key to use in <c>-Arguments</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Its type as the doc names it (<c>string</c>, <c>int</c>, <c>bool</c>, <c>number</c>, <c>list</c>), empty when unspecified.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>True when the module cannot run without it.</summary>
    public bool Required { get; init; }

    /// <summary>What it is for.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Its default as the doc writes it, empty when it has none.</summary>
    public string Default { get; init; } = string.Empty;

    /// <summary>The name and type, as <c>mask:string</c>, with a <c>*</c> when required.</summary>
    public override string ToString() => (Type.Length == 0 ? Name : $"{Name}:{Type}") + (Required ? "*" : string.Empty);
}
