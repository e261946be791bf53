using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Omg.Cli;

/// <summary>
/// Options and arguments whose bad values read as one plain sentence naming the option (<c>--limit wants a whole
/// number, not 'abc'</c>), where System.CommandLine's own messages name .NET types or span several lines.
/// </summary>
internal static class CliOptions
{
    /// <summary>A count such as <c>--limit N</c>: a whole number, zero or more.</summary>
    public static Option<ulong?> Count(string name, string alias, string description) => new(name, alias)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result => ulong.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong count)
            ? count
            : Refuse<ulong?>(result, $"{name} wants a whole number, not '{result.Tokens[0].Value}'"),
    };

    /// <summary>A duration such as <c>--timeout SECONDS</c>: a positive number of seconds.</summary>
    public static Option<double?> Seconds(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "SECONDS",
        Recursive = true,
        CustomParser = result => double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && double.IsFinite(seconds)
            ? seconds
            : Refuse<double?>(result, $"{name} wants a positive number of seconds, not '{result.Tokens[0].Value}'"),
    };

    /// <summary>Refuses any value of <paramref name="argument"/> outside <paramref name="allowed"/>, naming them.</summary>
    public static void AcceptOnly(Argument<string> argument, IReadOnlyList<string> allowed) =>
        argument.Validators.Add(result => Check(result, $"<{argument.Name}>", allowed));

    /// <summary>Refuses any value of <paramref name="option"/> outside <paramref name="allowed"/>, naming them.</summary>
    public static void AcceptOnly(Option<string> option, IReadOnlyList<string> allowed) =>
        option.Validators.Add(result => Check(result, option.Name, allowed));

    private static void Check(SymbolResult result, string what, IReadOnlyList<string> allowed)
    {
        foreach (Token token in result.Tokens.Where(t => !allowed.Contains(t.Value, StringComparer.Ordinal)))
        {
            result.AddError($"{what} wants one of {string.Join(", ", allowed)}, not '{token.Value}'");
        }
    }

    private static T? Refuse<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }
}
