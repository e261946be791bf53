namespace Omg.Client;

/// <summary>How to run omgd: the program to execute and the arguments that come before omgd's own.</summary>
/// <param name="FileName">The executable: omgd itself, or <c>dotnet</c> for <c>omgd.dll</c>.</param>
/// <param name="LeadingArguments">The dll path when run through dotnet, else empty.</param>
public sealed record DaemonCommand(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>The command line as text, for messages.</summary>
    public override string ToString() => string.Join(' ', [FileName, .. LeadingArguments]);
}
