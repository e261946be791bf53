using System.Runtime.InteropServices;

namespace Omg.Protocol.Platform;

/// <summary>
/// Where omgd and its clients meet: the one rule both sides use to find the socket, the auto-start lock
/// and the daemon's log, so a client always looks where the daemon listens.
/// </summary>
public static partial class OmgPaths
{
    /// <summary>The environment variable that names the socket.</summary>
    public const string SocketVariable = "OMG_SOCKET";

    /// <summary>
    /// The socket path: <paramref name="explicitPath"/> when given, else <c>$OMG_SOCKET</c>, else
    /// <c>$XDG_RUNTIME_DIR/omg.sock</c>, else <c>omg.sock</c> in a private directory <c>/tmp/omg-UID</c>.
    /// </summary>
    public static string ResolveSocket(string? explicitPath = null)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(SocketVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        string? runtimeDir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtimeDir) && Directory.Exists(runtimeDir))
        {
            return Path.Combine(runtimeDir, "omg.sock");
        }

        return Path.Combine(FallbackDirectory, "omg.sock");
    }

    /// <summary>The private per-user directory used when there is no <c>XDG_RUNTIME_DIR</c>.</summary>
    public static string FallbackDirectory => Path.Combine(Path.GetTempPath(), $"omg-{CurrentUid}");

    /// <summary>The lock file that stops two clients from starting two daemons for one socket.</summary>
    public static string LockFileFor(string socketPath) => socketPath + ".lock";

    /// <summary>The directory for omgd's log when a client starts it: <c>$XDG_STATE_HOME/omg</c> (default <c>~/.local/state/omg</c>).</summary>
    public static string StateDirectory
    {
        get
        {
            string? state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrEmpty(state))
            {
                state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            }

            return Path.Combine(state, "omg");
        }
    }

    /// <summary>The real uid of this process.</summary>
    public static uint CurrentUid => OperatingSystem.IsWindows() ? 0 : GetUid();

    /// <summary>
    /// Creates <paramref name="directory"/> (and parents) when missing and makes sure it is private:
    /// owned by this uid and mode 0700.
    /// </summary>
    /// <exception cref="IOException">It exists but belongs to someone else.</exception>
    public static void EnsurePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(directory, Private);

        // Root's chmod succeeds on anyone's directory, so for root only the owner tells: a directory another
        // user pre-created in a shared /tmp stays theirs (they could chmod it back) and must not be used.
        if (OwnerOf(directory) is { } owner && owner != CurrentUid)
        {
            throw new IOException($"{directory} belongs to another user (uid {owner}); refusing to use it.");
        }

        try
        {
            // chmod fails for anyone but the owner, so this both fixes the mode and proves ownership of a
            // directory someone else could have pre-created in a shared /tmp.
            File.SetUnixFileMode(directory, Private);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"{directory} belongs to another user; refusing to use it.", ex);
        }
    }

    // statx's layout is the same on every architecture (unlike struct stat): stx_uid is the u32 at offset 20.
    private const int StatxUidOffset = 20;
    private const uint StatxUid = 0x8;
    private const int AtFdCwd = -100;

    private static unsafe uint? OwnerOf(string path)
    {
        byte* buffer = stackalloc byte[256];
        return Statx(AtFdCwd, path, 0, StatxUid, buffer) == 0 ? *(uint*)(buffer + StatxUidOffset) : null;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();
}
