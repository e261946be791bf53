namespace Omg.Benchmarks.Handwritten;

/// <summary>
/// A message could not be decoded. Carries the error code the daemon answers with and the request id
/// when it could be read, so even a broken request gets an answer its sender can match.
/// </summary>
public class ProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProtocolException(int errorCode, string message, ulong? requestId, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    /// <summary>The code to answer with (<see cref="ErrorCodes.ParseError"/> or <see cref="ErrorCodes.MethodNotFound"/>).</summary>
    public int ErrorCode { get; }

    /// <summary>The request id, when the undecodable message still had a readable one.</summary>
    public ulong? RequestId { get; }
}
