namespace Omg.Audit.Sources;

/// <summary>A source that cannot be imported (unreadable, corrupt, truncated, refused by the server); nothing of it was loaded.</summary>
public sealed class AdvisoryImportException : Exception
{
    /// <summary>Creates the exception; the message names the source and what is wrong with it.</summary>
    public AdvisoryImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the failure underneath.</summary>
    public AdvisoryImportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
