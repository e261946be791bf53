using MessagePack;

namespace Omg.Protocol.MessagePack;

/// <summary>
/// The limits every read of network input runs under: MessagePack-CSharp's <see cref="MessagePackSecurity.UntrustedData"/>
/// (hash-collision resistant, bounded object graph) with the protocol's nesting bound of 64 levels. Collection sizes
/// are bounded by the bytes that remain (an array needs a byte per element, a map two per pair) before anything is
/// allocated for them, and frames by <see cref="Framing.FrameLimits"/>.
/// </summary>
public static class MessagePackLimits
{
    /// <summary>How deeply arrays and maps may nest in a message unless a caller asks for less.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The security settings of every protocol read.</summary>
    public static MessagePackSecurity Untrusted { get; } = MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(DefaultMaxDepth);

    /// <summary>The untrusted-data settings with another nesting bound.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is not positive.</exception>
    public static MessagePackSecurity WithMaxDepth(int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        return maxDepth == DefaultMaxDepth ? Untrusted : MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(maxDepth);
    }
}
