namespace Omg.Cli;

/// <summary>The command line parsed but makes no sense (a malformed <c>--arg</c>, an unreadable file); exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
