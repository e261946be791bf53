namespace Omg.Modules.Tests.Process;

/// <summary>Tests that count the process's allocations: they run with no other test running beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Allocation counting";
}
