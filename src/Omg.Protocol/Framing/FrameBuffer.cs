using System.Buffers;
using System.Buffers.Binary;
using Omg.Protocol.Messages;
using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Framing;

/// <summary>
/// A pooled buffer that builds one frame in place: it keeps the 4 header bytes free, the message is
/// encoded straight after them, and <see cref="Complete"/> fills in the length, so the payload is
/// written once and sent with a single write.
/// </summary>
public sealed class FrameBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    /// <summary>Creates a buffer with room for <paramref name="initialCapacity"/> payload bytes.</summary>
    public FrameBuffer(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity + FrameLimits.HeaderSize);
        _written = FrameLimits.HeaderSize;
    }

    /// <summary>Payload bytes written so far.</summary>
    public int PayloadLength => _written - FrameLimits.HeaderSize;

    /// <summary>Frames a request.</summary>
    public static FrameBuffer For(Request request)
    {
        var frame = new FrameBuffer(256);
        MessageCodec.Write(frame, request);
        return frame;
    }

    /// <summary>Frames a response.</summary>
    public static FrameBuffer For(Response response)
    {
        var frame = new FrameBuffer(1024);
        MessageCodec.Write(frame, response);
        return frame;
    }

    /// <summary>Fills in the length prefix and returns the whole frame (header and payload).</summary>
    /// <exception cref="FrameException">The payload is over <paramref name="maxSize"/>.</exception>
    public ReadOnlyMemory<byte> Complete(int maxSize = FrameLimits.MaxResponseSize)
    {
        int length = PayloadLength;
        if (length > maxSize)
        {
            throw new FrameException($"frame of {length} bytes is over the limit of {maxSize} bytes", length, tooLarge: true);
        }

        BinaryPrimitives.WriteUInt32BigEndian(_buffer, (uint)length);
        return _buffer.AsMemory(0, _written);
    }

    /// <summary>The payload written so far, without the header.</summary>
    public ReadOnlySpan<byte> Payload => _buffer.AsSpan(FrameLimits.HeaderSize, PayloadLength);

    /// <summary>Empties the buffer for the next frame.</summary>
    public void Reset() => _written = FrameLimits.HeaderSize;

    /// <inheritdoc />
    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        int size = Math.Max(_buffer.Length * 2, _written + needed);
        byte[] grown = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
