namespace Omg.Protocol.Framing;

/// <summary>A frame could not be read: its declared length is over the limit, or the stream ended inside it.</summary>
public sealed class FrameException : IOException
{
    /// <summary>Creates the exception.</summary>
    public FrameException(string message, long declaredLength, bool tooLarge)
        : base(message)
    {
        DeclaredLength = declaredLength;
        TooLarge = tooLarge;
    }

    /// <summary>The length the frame header declared (-1 when the header itself was cut off).</summary>
    public long DeclaredLength { get; }

    /// <summary>True when the frame was refused for its size; false when the stream ended inside it.</summary>
    public bool TooLarge { get; }
}
