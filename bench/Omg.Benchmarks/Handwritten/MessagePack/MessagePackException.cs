namespace Omg.Benchmarks.Handwritten.MessagePack;

/// <summary>
/// The one exception the codec throws for bad input: it says what was wrong and at which byte offset
/// of the input the offending value starts, so a peer's bug can be found from a log line.
/// </summary>
public sealed class MessagePackException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What was wrong, without the position.</param>
    /// <param name="position">Byte offset into the input where the problem was found.</param>
    public MessagePackException(string reason, long position)
        : base($"{reason} (at byte {position})")
    {
        Reason = reason;
        Position = position;
    }

    /// <summary>What was wrong.</summary>
    public string Reason { get; }

    /// <summary>Byte offset into the input where the problem was found.</summary>
    public long Position { get; }
}
