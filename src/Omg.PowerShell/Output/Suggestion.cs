namespace Omg;

/// <summary>A package name close to what was asked, from <c>Get-OmgSuggestion</c>.</summary>
public sealed class Suggestion
{
    /// <summary>The suggested package name; binds to <c>Get-OmgPackage -Name</c> by property name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>What was asked.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>1 for the best suggestion, then 2, ...</summary>
    public int Rank { get; init; }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
