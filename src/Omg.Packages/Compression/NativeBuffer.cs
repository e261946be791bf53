using System.Runtime.InteropServices;

namespace Omg.Packages.Compression;

/// <summary>
/// A block of native memory for index data. Decoded lists are ~100 MB of short-lived buffers per build:
/// as arrays they counted towards the large object heap's budget and forced a blocking full collection
/// in the middle of every cold build (docs/benchmarks.md). Outside the GC heap they cost the GC nothing.
/// Freed by <see cref="Dispose"/>, or by the finalizer when a failed decode dropped the buffer; spans over
/// it must not outlive the object, so holders keep a reference to it while they read.
/// </summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    private nint _address;

    /// <summary>Allocates <paramref name="capacity"/> bytes, uninitialized.</summary>
    public NativeBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _address = (nint)NativeMemory.Alloc((nuint)Math.Max(capacity, 1));
        Capacity = capacity;
    }

    /// <summary>Finalizer: frees a buffer nobody disposed.</summary>
    ~NativeBuffer() => Free();

    /// <summary>Size in bytes.</summary>
    public int Capacity { get; }

    /// <summary>The whole buffer.</summary>
    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_address == 0, this);
            return new Span<byte>((void*)_address, Capacity);
        }
    }

    /// <summary>Frees the memory; spans taken before must not be used afterwards.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        var address = Interlocked.Exchange(ref _address, 0);
        if (address != 0)
        {
            NativeMemory.Free((void*)address);
        }
    }
}
