namespace Omg.Cli;

/// <summary>The one shape of an error on standard error: <c>omg: NAME (code): message</c>.</summary>
internal static class ErrorLine
{
    /// <summary>Writes the error line.</summary>
    public static void Write(TextWriter error, string name, int? code, string message) =>
        error.WriteLine(code is null ? $"omg: {name}: {message}" : $"omg: {name} ({code}): {message}");
}
