using System.Runtime.InteropServices;

namespace Omg.Daemon.Native;

/// <summary>Tells a socket file from a regular one (.NET does not expose st_mode's file type).</summary>
internal static class FileType
{
    private const uint TypeMask = 0xF000;
    private const uint SocketType = 0xC000;

    /// <summary>True when <paramref name="path"/> exists and is a Unix socket (not following links).</summary>
    public static bool IsSocket(string path)
    {
        Span<byte> stat = stackalloc byte[256];
        if (LibC.LStat(path, ref MemoryMarshal.GetReference(stat)) != 0)
        {
            return false;
        }

        // st_mode sits at byte 24 of struct stat on x86_64 Linux and at byte 16 on arm64.
        int offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        uint mode = BitConverter.ToUInt32(stat.Slice(offset, 4));
        return (mode & TypeMask) == SocketType;
    }
}
