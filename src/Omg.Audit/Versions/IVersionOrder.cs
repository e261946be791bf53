namespace Omg.Audit.Versions;

/// <summary>
/// One ecosystem's version order. <see cref="Compare"/> is defined for versions <see cref="IsValid"/> accepts (it
/// throws <see cref="FormatException"/> for others), so that an advisory never matches through a guessed order.
/// </summary>
public interface IVersionOrder
{
    /// <summary>True when <paramref name="version"/> is a version of this ecosystem.</summary>
    bool IsValid(string version);

    /// <summary>Negative, zero or positive as <paramref name="a"/> sorts before, with or after <paramref name="b"/>.</summary>
    int Compare(string a, string b);
}
