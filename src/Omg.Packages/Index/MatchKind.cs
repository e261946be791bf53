namespace Omg.Packages.Index;

/// <summary>How well a query word matches a package, best first; the numeric order is the ranking.</summary>
public enum MatchKind
{
    /// <summary>The name equals the word.</summary>
    ExactName = 0,

    /// <summary>The name starts with the word.</summary>
    NamePrefix = 1,

    /// <summary>The word starts right after <c>-</c>, <c>.</c>, <c>+</c> or <c>_</c> in the name.</summary>
    NameWordBoundary = 2,

    /// <summary>The word occurs elsewhere in the name.</summary>
    NameSubstring = 3,

    /// <summary>The word occurs in a name the package Provides.</summary>
    Provides = 4,

    /// <summary>The word occurs only in the description.</summary>
    Description = 5,
}
