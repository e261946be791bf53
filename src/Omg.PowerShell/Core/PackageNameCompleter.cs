using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Omg.PowerShell;

/// <summary>Completes package-name parameters from the daemon's suggestions (see <see cref="SuggestCompleter"/>).</summary>
public sealed class PackageNameCompleter : IArgumentCompleter
{
    /// <summary>Completions for <paramref name="wordToComplete"/>, using the command's <c>-Socket</c> when given.</summary>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? socket = fakeBoundParameters?["Socket"] as string;
        return SuggestCompleter.Shared.Complete(socket, wordToComplete)
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name))
            .ToArray();
    }
}
