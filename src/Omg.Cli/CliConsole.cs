namespace Omg.Cli;

/// <summary>Where <c>omg</c> writes, and how wide its tables may be.</summary>
/// <param name="Out">Standard output: results.</param>
/// <param name="Error">Standard error: errors and notes.</param>
/// <param name="Width">The terminal's width when output goes to a terminal; null means never truncate.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, int? Width)
{
    /// <summary>The process's console; tables are fitted to the terminal only when stdout is one.</summary>
    public static CliConsole System()
    {
        int? width = null;
        if (!Console.IsOutputRedirected)
        {
            try
            {
                width = Console.WindowWidth > 0 ? Console.WindowWidth : null;
            }
            catch (IOException)
            {
                // No terminal size to be had: print full rows.
            }
        }

        return new CliConsole(Console.Out, Console.Error, width);
    }
}
