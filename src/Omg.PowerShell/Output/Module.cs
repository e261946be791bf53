namespace Omg;

/// <summary>A module omgd can run, from <c>Get-OmgModule</c>, with what its doc says about it.</summary>
public sealed class Module
{
    /// <summary>The dotted name to pass to <c>Invoke-OmgModule</c> (<c>sys.proc</c>).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The version from its doc, empty when it has none.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The description from its doc, empty when it has none.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The author from its doc, empty when it has none (or omgd is older than the field).</summary>
    public string Author { get; init; } = string.Empty;

    /// <summary>The executable omgd runs.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The arguments its doc declares.</summary>
    public ModuleArgument[] Arguments { get; init; } = [];

    /// <summary>The options its doc declares.</summary>
    public ModuleOption[] Options { get; init; } = [];

    /// <summary>The examples from its doc, each as its text.</summary>
    public TextList Examples { get; init; } = [];

    /// <summary>What the doc says the module returns.</summary>
    public string Returns { get; init; } = string.Empty;

    /// <summary>The name and version, as <c>sys.proc 0.1</c>.</summary>
    public override string ToString() => Version.Length == 0 ? Name : $"{Name} {Version}";
}
