using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Omg.Cli;

/// <summary>
/// The one-line usage hint printed under a usage error, such as
/// <c>Usage: omg search &lt;words&gt;... [--limit N] [--source SOURCE] [--installed]  (omg search --help)</c>,
/// built from the command tree so it never lags behind a verb's options.
/// </summary>
internal static class UsageLine
{
    // The hint shares the terminal with the error line: past this the options are only [options].
    private const int MaxWidth = 80;

    /// <summary>The hint for the command <paramref name="result"/> stands for.</summary>
    public static string For(CommandResult result)
    {
        string path = PathOf(result);
        Command command = result.Command;
        var words = new List<string> { path };
        string verbs = Misuse.Verbs(command);
        if (verbs.Length > 0)
        {
            words.Add(command.Action is null ? $"<{verbs}>" : $"[{verbs}]");
        }

        words.AddRange(command.Arguments.Where(a => !a.Hidden).Select(Synopsis));
        string help = $"  ({path} --help)";
        string[] options = [.. command.Options.Where(o => !o.Hidden && o is not HelpOption && o is not VersionOption && !(o.Recursive && result.Parent is not null)).Select(Synopsis)];
        string full = $"Usage: {string.Join(' ', words.Concat(options))}{help}";
        return full.Length <= MaxWidth || options.Length == 0 ? full : $"Usage: {string.Join(' ', words)} [options]{help}";
    }

    /// <summary><c>omg</c> and the verbs down to <paramref name="result"/>: <c>omg daemon status</c>.</summary>
    public static string PathOf(CommandResult result)
    {
        var names = new Stack<string>();
        for (CommandResult? at = result; at is not null; at = at.Parent as CommandResult)
        {
            // The root is named after the process (testhost in tests); users type omg.
            names.Push(at.Parent is null ? "omg" : at.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string Synopsis(Argument argument)
    {
        string name = $"<{argument.Name}>" + (argument.Arity.MaximumNumberOfValues > 1 ? "..." : string.Empty);
        return argument.Arity.MinimumNumberOfValues == 0 ? $"[{name}]" : name;
    }

    private static string Synopsis(Option option) =>
        option.Arity.MaximumNumberOfValues == 0
            ? $"[{option.Name}]"
            : $"[{option.Name} {option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant()}]";
}
