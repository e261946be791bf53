namespace Omg.Cli;

/// <summary>The shape of a usage error on standard error: <c>omg: message</c>, then the verb's usage hint.</summary>
internal static class UsageError
{
    /// <summary>The error name a usage error has in <c>--json</c> output.</summary>
    public const string Name = "USAGE";

    /// <summary>Writes the two lines.</summary>
    public static void Write(TextWriter error, string message, string usage)
    {
        error.WriteLine($"omg: {message}");
        error.WriteLine(usage);
    }
}
