namespace Omg.Client;

/// <summary>
/// omgd could not be reached: nobody listens on the socket and it could not be started, or the connection
/// broke while a request was in flight. The message says what was tried.
/// </summary>
public sealed class OmgDaemonUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="socketPath">The socket that was tried.</param>
    /// <param name="message">What happened and what was tried.</param>
    /// <param name="logTail">The last lines of the daemon's log, when a start was attempted.</param>
    /// <param name="innerException">The underlying failure.</param>
    public OmgDaemonUnavailableException(string socketPath, string message, string? logTail = null, Exception? innerException = null)
        : base(Compose(message, logTail), innerException)
    {
        SocketPath = socketPath;
        Reason = message;
        LogTail = logTail;
    }

    /// <summary>The socket path that was tried.</summary>
    public string SocketPath { get; }

    /// <summary>What happened and what was tried, without the log lines.</summary>
    public string Reason { get; }

    /// <summary>The last lines of omgd's log when an auto-start was attempted, else null.</summary>
    public string? LogTail { get; }

    private static string Compose(string message, string? logTail) =>
        string.IsNullOrWhiteSpace(logTail) ? message : $"{message}{Environment.NewLine}Last lines of the daemon log:{Environment.NewLine}{logTail}";
}
