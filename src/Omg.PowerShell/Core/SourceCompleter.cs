using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Omg.PowerShell;

/// <summary>Completes <c>-Source</c> with the sources omgd indexes: <c>apt</c>, <c>npm</c> and <c>pypi</c>.</summary>
public sealed class SourceCompleter : IArgumentCompleter
{
    // The backends omgd ships; a fixed list, so completing costs no round trip to the daemon.
    private static readonly string[] Known = ["apt", "npm", "pypi"];

    /// <summary>Completions for <paramref name="wordToComplete"/>.</summary>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Matching(wordToComplete).Select(source => new CompletionResult(source, source, CompletionResultType.ParameterValue, source)).ToArray();

    /// <summary>The known sources that start with <paramref name="word"/> (ignoring case and surrounding quotes).</summary>
    internal static IEnumerable<string> Matching(string? word)
    {
        string prefix = (word ?? string.Empty).Trim('\'', '"');
        return Known.Where(source => source.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
