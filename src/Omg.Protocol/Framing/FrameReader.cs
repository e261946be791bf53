using System.Buffers;
using System.Buffers.Binary;

namespace Omg.Protocol.Framing;

/// <summary>
/// Reads length-prefixed frames: a 4-byte big-endian length N, then N payload bytes. The declared length
/// is checked against the caller's maximum before any buffer is allocated for it.
/// </summary>
public static class FrameReader
{
    /// <summary>Reads one frame from a stream.</summary>
    /// <returns>The payload, or null when the stream ended cleanly before a new frame began.</returns>
    /// <exception cref="FrameException">The frame is over <paramref name="maxSize"/>, or the stream ended inside it.</exception>
    public static async ValueTask<byte[]?> ReadAsync(Stream stream, int maxSize, CancellationToken cancellationToken = default)
    {
        byte[] header = new byte[FrameLimits.HeaderSize];
        int got = await ReadAtLeastAsync(stream, header, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < FrameLimits.HeaderSize)
        {
            throw new FrameException($"the stream ended after {got} of the 4 frame header bytes", -1, tooLarge: false);
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(header);
        CheckLength(length, maxSize);
        byte[] payload = length == 0 ? [] : new byte[length];
        int read = await ReadAtLeastAsync(stream, payload, cancellationToken).ConfigureAwait(false);
        if (read < payload.Length)
        {
            throw new FrameException($"the stream ended after {read} of {length} frame payload bytes", length, tooLarge: false);
        }

        return payload;
    }

    /// <summary>
    /// Takes one complete frame off the front of <paramref name="buffer"/> when it holds one, for
    /// System.IO.Pipelines read loops (the daemon's), without copying the payload.
    /// </summary>
    /// <param name="buffer">Unconsumed input; on success it is advanced past the frame.</param>
    /// <param name="maxSize">The largest payload accepted.</param>
    /// <param name="payload">The frame's payload, a slice of the input.</param>
    /// <returns>True when a whole frame was there.</returns>
    /// <exception cref="FrameException">The declared length is over <paramref name="maxSize"/>.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxSize, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < FrameLimits.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[FrameLimits.HeaderSize];
        buffer.Slice(0, FrameLimits.HeaderSize).CopyTo(header);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header);
        CheckLength(length, maxSize);
        if (buffer.Length - FrameLimits.HeaderSize < length)
        {
            return false;
        }

        payload = buffer.Slice(FrameLimits.HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private static void CheckLength(uint length, int maxSize)
    {
        if (length > (uint)maxSize)
        {
            throw new FrameException($"frame of {length} bytes is over the limit of {maxSize} bytes", length, tooLarge: true);
        }
    }

    private static async ValueTask<int> ReadAtLeastAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
