namespace Omg.Daemon.Hosting;

/// <summary>
/// The lock that makes one omgd the owner of a socket path: an exclusive lock on <c>&lt;socket&gt;.omgd.lock</c>, taken
/// before a stale socket file is removed and held for the daemon's lifetime. Two omgd started together on a path
/// holding a stale socket used to both remove it and both listen (6 of 8 trials), and the one left unreachable then
/// deleted the live one's socket when it stopped; with the lock the second one does neither. It is a separate file
/// from the clients' auto-start lock (<c>&lt;socket&gt;.lock</c>), which a client holds while it waits for the omgd it
/// started. The file is left in place at exit: removing a lock file others may be opening reopens the race.
/// </summary>
internal sealed class StartLock : IDisposable
{
    private readonly FileStream _stream;

    private StartLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file of <paramref name="socketPath"/>.</summary>
    public static string PathFor(string socketPath) => socketPath + ".omgd.lock";

    /// <summary>Takes the lock, or throws when another omgd holds it.</summary>
    /// <exception cref="DaemonStartException">Another omgd holds it (<see cref="DaemonStartException.AlreadyServed"/>), or it cannot be opened.</exception>
    public static StartLock Acquire(string socketPath)
    {
        string path = PathFor(socketPath);
        try
        {
            // .NET takes FileShare.None on Unix as flock(LOCK_EX | LOCK_NB): released by the kernel when this process
            // ends, however it ends, so a killed omgd never leaves the path locked.
            var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            return new StartLock(stream);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DaemonStartException($"another omgd is already serving or starting on {socketPath} (it holds {path})", ex, alreadyServed: true);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DaemonStartException($"cannot open the start lock {path}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
