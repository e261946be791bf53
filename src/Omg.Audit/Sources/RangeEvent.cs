namespace Omg.Audit.Sources;

/// <summary>The kinds of OSV range events.</summary>
public enum RangeEventKind
{
    /// <summary>Versions from here on are affected (<c>0</c> means every version).</summary>
    Introduced,

    /// <summary>This version and later ones are fixed.</summary>
    Fixed,

    /// <summary>This is the last affected version.</summary>
    LastAffected,

    /// <summary>Versions from here on are outside the range altogether.</summary>
    Limit,
}

/// <summary>One event of an OSV range.</summary>
/// <param name="Kind">What happens at <paramref name="Version"/>.</param>
/// <param name="Version">The version (<c>0</c> for introduced-at-the-start, <c>*</c> for an unbounded limit).</param>
public readonly record struct RangeEvent(RangeEventKind Kind, string Version);
