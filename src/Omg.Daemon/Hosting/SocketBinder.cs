using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Omg.Daemon.Native;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;
using Omg.Protocol.Platform;

namespace Omg.Daemon.Hosting;

/// <summary>
/// Claims the socket path: refuses when a live omgd answers there, takes the path's start lock (one omgd per path,
/// <see cref="StartLock"/>), removes a stale socket file, and binds under a 0177 umask so the socket is 0600 from
/// the moment it exists (no window before a chmod).
/// </summary>
internal static partial class SocketBinder
{
    // sun_path holds 108 bytes including the terminating NUL.
    private const int MaxPathBytes = 107;

    /// <summary>
    /// Binds and listens on <paramref name="path"/>; the returned lock must be held while the socket is served, and the
    /// identity is the socket file's, for removing it at stop only if it is still that file.
    /// </summary>
    /// <exception cref="DaemonStartException">A live daemon owns the path, or it cannot be used.</exception>
    public static (Socket Listener, StartLock Lock, FileIdentity? Bound) Bind(string path, ILogger logger)
    {
        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            throw new DaemonStartException($"socket path {path} is longer than the {MaxPathBytes} bytes a Unix socket address holds");
        }

        PrepareDirectory(path);
        if ((File.Exists(path) || FileType.IsSocket(path)) && AnswersPing(path))
        {
            throw new DaemonStartException($"another omgd is already answering on {path}", alreadyServed: true);
        }

        StartLock startLock = StartLock.Acquire(path);
        try
        {
            // Under the lock nobody else can be binding this path: what is there now is stale or foreign.
            if (File.Exists(path) || FileType.IsSocket(path))
            {
                ClaimExisting(path, logger);
            }

            Socket listener = Listen(path);
            return (listener, startLock, FileIdentity.Of(path));
        }
        catch
        {
            startLock.Dispose();
            throw;
        }
    }

    private static Socket Listen(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        uint previous = LibC.Umask(0x7F); // octal 0177: strip group and other bits, and the owner's execute bit
        try
        {
            listener.Bind(new UnownedUnixEndPoint(path));
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new DaemonStartException($"cannot bind {path}: {ex.Message}", ex);
        }
        finally
        {
            LibC.Umask(previous);
        }

        // A Unix socket's connect fails at once with EAGAIN, not after a wait, when the accept queue is full: with 512,
        // 1,000 clients connecting together (the load benchmark) saw it. The kernel caps this at net.core.somaxconn
        // (4096 on current kernels).
        listener.Listen(4096);
        return listener;
    }

    private static void PrepareDirectory(string path)
    {
        string directory = Path.GetDirectoryName(path) ?? "/";
        try
        {
            if (directory == OmgPaths.FallbackDirectory)
            {
                OmgPaths.EnsurePrivateDirectory(directory);
            }
            else
            {
                CreatePrivateDirectories(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartException($"cannot use the socket directory {directory}: {ex.Message}", ex);
        }
    }

    // Each directory omgd creates on the way to its socket is 0700, set by chmod after the mkdir: the mode mkdir gives
    // is masked by whatever umask omgd was started with (0 in some service managers and containers, which left a
    // world-writable parent in which anyone could swap the socket path), and a umask like 0277 would leave the owner
    // unable to bind. Directories that already exist are the user's own choice and are left as they are.
    private static void CreatePrivateDirectories(string directory)
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var missing = new Stack<string>();
        for (string? d = directory; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
        {
            missing.Push(d);
        }

        while (missing.TryPop(out string? d))
        {
            Directory.CreateDirectory(d, Private);
            File.SetUnixFileMode(d, Private);
        }
    }

    private static void ClaimExisting(string path, ILogger logger)
    {
        if (!FileType.IsSocket(path))
        {
            throw new DaemonStartException($"{path} exists and is not a socket; refusing to replace it");
        }

        if (AnswersPing(path))
        {
            throw new DaemonStartException($"another omgd is already answering on {path}", alreadyServed: true);
        }

        LogStaleSocket(logger, path);
        File.Delete(path);
    }

    // A live daemon answers Ping within a second; a stale socket file refuses the connection.
    private static bool AnswersPing(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            return false;
        }

        try
        {
            using FrameBuffer frame = FrameBuffer.For(new PingRequest(1));
            probe.Send(frame.Complete().Span);
            probe.ReceiveTimeout = 1000;
            byte[] header = new byte[FrameLimits.HeaderSize];
            return probe.Receive(header) > 0;
        }
        catch (SocketException)
        {
            // Something accepted but did not answer in time: treat it as alive rather than steal its path.
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "removing stale socket file {Path}")]
    private static partial void LogStaleSocket(ILogger logger, string path);
}
