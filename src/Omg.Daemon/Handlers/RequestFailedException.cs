namespace Omg.Daemon.Handlers;

/// <summary>A handler's way to answer with an Error response (code and message) instead of a result.</summary>
public sealed class RequestFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">One of <see cref="Omg.Protocol.ErrorCodes"/>.</param>
    /// <param name="message">What the client is told.</param>
    public RequestFailedException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The error code to answer with.</summary>
    public int Code { get; }
}
