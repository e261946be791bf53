using System.Buffers;

namespace Omg.Protocol.MessagePack;

/// <summary>
/// Lends a pinned span to code that needs <see cref="ReadOnlyMemory{T}"/>: MessagePack-CSharp's reader reads a
/// <see cref="ReadOnlySequence{T}"/>, while the protocol's entry points take spans (a slice of a pipe buffer, a
/// frame). The caller pins the span (<c>fixed</c>) for as long as the memory is in use and disposes the lease
/// inside that scope; nothing read through it may keep the memory, so every value is copied out (strings,
/// binary data) before the lease ends. One instance per thread is reused, so a decode allocates nothing for it.
/// </summary>
internal sealed unsafe class PinnedSpan : MemoryManager<byte>
{
    [ThreadStatic]
    private static PinnedSpan? s_spare;

    private byte* _pointer;
    private int _length;

    /// <summary>Lends <paramref name="length"/> bytes at <paramref name="pointer"/>, which the caller keeps pinned.</summary>
    public static Lease Rent(byte* pointer, int length)
    {
        // Taken out of the slot while in use, so a nested lease on the same thread gets its own instance.
        PinnedSpan span = s_spare ?? new PinnedSpan();
        s_spare = null;
        span._pointer = pointer;
        span._length = length;
        return new Lease(span);
    }

    /// <inheritdoc />
    public override Span<byte> GetSpan() => new(_pointer, _length);

    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)_length, nameof(elementIndex));
        return new MemoryHandle(_pointer + elementIndex);
    }

    /// <inheritdoc />
    public override void Unpin()
    {
        // The caller's fixed statement owns the pin.
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing) => Release();

    private void Release()
    {
        _pointer = null;
        _length = 0;
        s_spare = this;
    }

    /// <summary>The memory of one lease; disposing it ends the lease.</summary>
    public readonly ref struct Lease
    {
        private readonly PinnedSpan _span;

        internal Lease(PinnedSpan span) => _span = span;

        /// <summary>The lent bytes.</summary>
        public ReadOnlyMemory<byte> Memory => _span.Memory;

        /// <summary>Ends the lease; a default (never taken) lease has nothing to end.</summary>
        public void Dispose() => _span?.Release();
    }
}
