using System.Runtime.InteropServices;

namespace Omg.Daemon.Native;

/// <summary>
/// Which file a path names now (st_dev and st_ino from lstat, not following links), so omgd can tell the socket file
/// it bound from one that replaced it at the same path.
/// </summary>
/// <param name="Device">st_dev.</param>
/// <param name="Inode">st_ino.</param>
internal readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>The identity of the file at <paramref name="path"/>, or null when there is none.</summary>
    public static FileIdentity? Of(string path)
    {
        Span<byte> stat = stackalloc byte[256];
        if (LibC.LStat(path, ref MemoryMarshal.GetReference(stat)) != 0)
        {
            return null;
        }

        // st_dev then st_ino, 8 bytes each, at the start of struct stat on both x86_64 and arm64 Linux.
        return new FileIdentity(BitConverter.ToUInt64(stat[..8]), BitConverter.ToUInt64(stat.Slice(8, 8)));
    }
}
