using System.Numerics;

namespace Omg.Packages.Compression;

/// <summary>
/// Buffers for index files, from a small pool of this library's own: during a build the lists reuse each
/// other's buffers (a decoded main list is ~50 MB), and <see cref="ReleaseAll"/> frees the pool once the
/// index is published, so the daemon does not keep those buffers resident between apt runs. Buffers are
/// native memory (<see cref="NativeBuffer"/>), uninitialized: decoders overwrite what they use.
/// </summary>
internal static class DecodeBuffers
{
    private static readonly Lock Gate = new();
    private static readonly List<NativeBuffer> Free = [];

    /// <summary>A buffer of at least <paramref name="length"/> bytes (contents undefined).</summary>
    public static NativeBuffer Rent(int length)
    {
        lock (Gate)
        {
            int best = -1;
            for (int i = 0; i < Free.Count; i++)
            {
                if (Free[i].Capacity >= length && (best < 0 || Free[i].Capacity < Free[best].Capacity))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                NativeBuffer reused = Free[best];
                Free.RemoveAt(best);
                return reused;
            }
        }

        int size = length <= 4096 ? 4096 : (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)length), (uint)Array.MaxLength);
        return new NativeBuffer(Math.Max(size, length));
    }

    /// <summary>Gives a buffer back for reuse within the current build.</summary>
    public static void Return(NativeBuffer buffer)
    {
        lock (Gate)
        {
            Free.Add(buffer);
        }
    }

    /// <summary>Frees every pooled buffer; buffers still rented stay valid until they are disposed or collected.</summary>
    public static void ReleaseAll()
    {
        lock (Gate)
        {
            foreach (var buffer in Free)
            {
                buffer.Dispose();
            }

            Free.Clear();
        }
    }
}
