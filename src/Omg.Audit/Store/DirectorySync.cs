using System.Runtime.InteropServices;

namespace Omg.Audit.Store;

/// <summary>fsync on a directory, which .NET does not wrap: after a rename, the directory entry must reach the disk too.</summary>
internal static partial class DirectorySync
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;
    private const int OCloExec = 0x80000;

    /// <summary>Flushes <paramref name="directory"/>'s entries; failures are ignored (some filesystems refuse, and the data file itself is already synced).</summary>
    public static void Flush(string directory)
    {
        int fd = Open(directory, ORdOnly | ODirectory | OCloExec);
        if (fd < 0)
        {
            return;
        }

        _ = FSync(fd);
        _ = Close(fd);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
