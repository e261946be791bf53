namespace Omg.Protocol.Framing;

/// <summary>The frame size limits of the protocol.</summary>
public static class FrameLimits
{
    /// <summary>Bytes of the big-endian length prefix.</summary>
    public const int HeaderSize = 4;

    /// <summary>The largest request payload omgd accepts (1 MiB).</summary>
    public const int MaxRequestSize = 1 << 20;

    /// <summary>The largest response payload a client accepts (64 MiB).</summary>
    public const int MaxResponseSize = 64 << 20;
}
