using System.CommandLine;
using System.CommandLine.Parsing;

namespace Omg.Cli;

/// <summary>
/// What is wrong with a command line, as one sentence: the first unknown option, unknown verb, stray word, bad or
/// missing value. System.CommandLine reports some of these twice or in .NET terms, and takes an unknown option
/// after a verb's words for one more word (<c>omg search vim --frob</c>), which is found here.
/// </summary>
internal static class Misuse
{
    private const int MaxListedVerbs = 5;
    private const string AnyVerb = "command";

    /// <summary>The misuse in <paramref name="parse"/>, or null when the command line is fine.</summary>
    public static string? Find(ParseResult parse)
    {
        string where = UsageLine.PathOf(parse.CommandResult);
        if (parse.UnmatchedTokens.FirstOrDefault() is string unmatched)
        {
            return IsOptionLike(unmatched) ? $"unknown option '{unmatched}' for '{where}'"
                : parse.CommandResult.Command.Subcommands.Count > 0 ? $"unknown command '{unmatched}' for '{where}'"
                : $"'{where}' takes no argument '{unmatched}'";
        }

        if (OptionTakenAsWord(parse) is string option)
        {
            return $"unknown option '{option}' for '{where}' (words that start with - go after --)";
        }

        foreach (ParseError error in parse.Errors.OrderBy(Rank))
        {
            return error.SymbolResult switch
            {
                OptionResult { Tokens.Count: 0 } result => $"{Name(result)} needs a value",
                OptionResult result when result.Tokens.Count > result.Option.Arity.MaximumNumberOfValues => $"{Name(result)} is given more than once; it takes one value",
                ArgumentResult result when result.Tokens.Count < result.Argument.Arity.MinimumNumberOfValues => $"'{where}' needs <{result.Argument.Name}>",
                CommandResult { Command.Subcommands.Count: > 0 } result when result.Command.Action is null => NeedsCommand(where, Verbs(result.Command)),
                _ => error.Message.ReplaceLineEndings(" "),
            };
        }

        return null;
    }

    /// <summary>A verb's sub-verbs as <c>run|list</c>, or <c>command</c> when they are too many to read in one line (omg's own).</summary>
    public static string Verbs(Command command)
    {
        string[] verbs = [.. command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];
        return verbs.Length switch
        {
            0 => string.Empty,
            <= MaxListedVerbs => string.Join('|', verbs),
            _ => AnyVerb,
        };
    }

    private static string NeedsCommand(string where, string verbs) =>
        verbs == AnyVerb ? $"'{where}' needs a command" : $"'{where}' needs a command: {verbs.Replace("|", ", ", StringComparison.Ordinal)}";

    // A word such as -x or --frob; a lone - is a word (stdin), as is a negative number.
    private static bool IsOptionLike(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);

    // A verb's words before `--` that look like options were meant as options nobody defined.
    private static string? OptionTakenAsWord(ParseResult parse)
    {
        var words = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        for (CommandResult? at = parse.CommandResult; at is not null; at = at.Parent as CommandResult)
        {
            foreach (Argument argument in at.Command.Arguments)
            {
                words.UnionWith(at.GetResult(argument)?.Tokens ?? []);
            }
        }

        return parse.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash).FirstOrDefault(t => words.Contains(t) && IsOptionLike(t.Value))?.Value;
    }

    // A bad value names the option at fault; "missing <words>" or "needs a command" only when nothing more exact is wrong.
    private static int Rank(ParseError error) => error.SymbolResult switch
    {
        OptionResult => 0,
        ArgumentResult => 1,
        _ => 2,
    };

    private static string Name(OptionResult result) => result.IdentifierToken?.Value ?? result.Option.Name;
}
