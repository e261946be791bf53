using System.Runtime.InteropServices;

namespace Omg.Daemon.Native;

/// <summary>The few libc calls .NET does not wrap: process session, file mode mask, descriptor plumbing.</summary>
internal static partial class LibC
{
    public const int SolSocket = 1;
    public const int SoPeerCred = 17;
    public const int ORdWr = 2;
    public const int OWrOnly = 1;
    public const int OCreat = 0x40;
    public const int OAppend = 0x400;
    public const int OCloExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "umask")]
    public static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    public static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    /// <summary>lstat(2) into a caller's buffer of at least sizeof(struct stat) bytes; 0 on success.</summary>
    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LStat(string path, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "getuid")]
    public static partial uint GetUid();
}
