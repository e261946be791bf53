namespace Omg.Client.Tests;

/// <summary>Tests that set process-wide environment variables (OMG_DAEMON, XDG_STATE_HOME) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "environment";
}
