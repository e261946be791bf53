namespace Omg.Packages.Debian;

/// <summary>Version operator of a relationship (<c>&lt;&lt;</c>, <c>&lt;=</c>, <c>=</c>, <c>&gt;=</c>, <c>&gt;&gt;</c>).</summary>
internal enum RelationOperator
{
    None,
    Less,
    LessOrEqual,
    Equal,
    GreaterOrEqual,
    Greater,
}

/// <summary>One alternative of a Depends-like field, or one entry of Provides.</summary>
/// <param name="Name">Package name.</param>
/// <param name="ArchQualifier">What followed <c>:</c> (<c>any</c>, <c>native</c>, an architecture), or null.</param>
/// <param name="Operator">Version operator, <see cref="RelationOperator.None"/> when unversioned.</param>
/// <param name="Version">Version operand, or null.</param>
internal readonly record struct Relation(string Name, string? ArchQualifier, RelationOperator Operator, string? Version)
{
    /// <summary>True when <paramref name="version"/> (null: an unversioned Provides) meets this relation's constraint.</summary>
    public bool IsSatisfiedBy(string? version)
    {
        if (Operator == RelationOperator.None)
        {
            return true;
        }

        if (version is null)
        {
            return false;
        }

        var order = DebianVersion.Compare(version, Version);
        return Operator switch
        {
            RelationOperator.Less => order < 0,
            RelationOperator.LessOrEqual => order <= 0,
            RelationOperator.Equal => order == 0,
            RelationOperator.GreaterOrEqual => order >= 0,
            _ => order > 0,
        };
    }
}
