namespace Omg.Cli;

/// <summary>The <c>omg</c> executable.</summary>
public static class Program
{
    /// <summary>Runs <c>omg</c> on the process's console.</summary>
    /// <returns>One of <see cref="ExitCodes"/>.</returns>
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, CliConsole.System());
}
