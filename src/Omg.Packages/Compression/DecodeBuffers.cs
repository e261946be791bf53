using System.Numerics;

namespace Omg.Packages.Compression;

/// <summary>
/// Buffers for index files, from a small pool of this library's own: during a build the lists reuse each
/// other's buffers (a decoded main list is ~50 MB), and <see cref="ReleaseAll"/> drops the pool once the
/// index is published, so the daemon does not keep those buffers resident between apt runs as the shared
/// array pool would. Buffers are allocated uninitialized: decoders overwrite what they use.
/// </summary>
internal static class DecodeBuffers
{
    private static readonly Lock Gate = new();
    private static List<byte[]> _free = [];

    /// <summary>A buffer of at least <paramref name="length"/> bytes (contents undefined).</summary>
    public static byte[] Rent(int length)
    {
        lock (Gate)
        {
            int best = -1;
            for (int i = 0; i < _free.Count; i++)
            {
                if (_free[i].Length >= length && (best < 0 || _free[i].Length < _free[best].Length))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                byte[] reused = _free[best];
                _free.RemoveAt(best);
                return reused;
            }
        }

        int size = length <= 4096 ? 4096 : (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)length), (uint)Array.MaxLength);
        return GC.AllocateUninitializedArray<byte>(Math.Max(size, length));
    }

    /// <summary>Gives a buffer back for reuse within the current build.</summary>
    public static void Return(byte[] buffer)
    {
        lock (Gate)
        {
            _free.Add(buffer);
        }
    }

    /// <summary>Forgets every pooled buffer, leaving them to the GC; buffers still rented stay valid.</summary>
    public static void ReleaseAll()
    {
        lock (Gate)
        {
            _free = [];
        }
    }
}
