namespace Omg.Cli;

/// <summary>Where <c>omg</c> writes, and how wide its tables may be.</summary>
/// <param name="Out">Standard output: results.</param>
/// <param name="Error">Standard error: errors and notes.</param>
/// <param name="Width">The width tables are fitted to; null means never fit (tests that look at whole rows).</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, int? Width)
{
    /// <summary>The width when neither <c>COLUMNS</c> nor a terminal gives one: output piped or redirected.</summary>
    public const int DefaultWidth = 80;

    /// <summary>The process's console, its tables as wide as <see cref="ResolveWidth"/> says.</summary>
    public static CliConsole System() =>
        new(Console.Out, Console.Error, ResolveWidth(Environment.GetEnvironmentVariable("COLUMNS"), TerminalWidth()));

    /// <summary>
    /// The width tables are fitted to: <c>COLUMNS</c> when it is a positive number (as <c>ls</c> and <c>dpkg -l</c> take
    /// it), else the terminal's when stdout is one, else <see cref="DefaultWidth"/>.
    /// </summary>
    /// <param name="columns">The <c>COLUMNS</c> environment variable, if set.</param>
    /// <param name="terminalWidth">The terminal's width, or null when stdout is not a terminal.</param>
    public static int ResolveWidth(string? columns, int? terminalWidth) =>
        int.TryParse(columns, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out int fromEnvironment) && fromEnvironment > 0
            ? fromEnvironment
            : terminalWidth is > 0 and int fromTerminal ? fromTerminal : DefaultWidth;

    private static int? TerminalWidth()
    {
        if (Console.IsOutputRedirected)
        {
            return null;
        }

        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            // No terminal size to be had.
            return null;
        }
    }
}
