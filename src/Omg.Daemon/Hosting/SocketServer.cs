using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omg.Daemon.Connections;
using Omg.Daemon.Dispatch;
using Omg.Daemon.Limits;
using Omg.Daemon.Metrics;
using Omg.Daemon.Native;
using Omg.Protocol;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;
using Omg.Protocol.Platform;

namespace Omg.Daemon.Hosting;

/// <summary>
/// Listens on the Unix socket, admits only the daemon's own uid and root, serves each connection, and on
/// stop closes the door first, lets in-flight requests finish within the grace period, then removes the
/// socket file.
/// </summary>
public sealed partial class SocketServer : BackgroundService
{
    private static readonly uint OwnUid = LibC.GetUid();

    // How long, and how much, a refused connection is read and dropped before it is closed (see RefuseAsync).
    private static readonly TimeSpan RefusalGrace = TimeSpan.FromSeconds(1);
    private const int RefusalDrainBytes = 64 * 1024;

    private readonly DaemonOptions _options;
    private readonly RequestDispatcher _dispatcher;
    private readonly RateLimiter _limiter;
    private readonly DaemonMetrics _metrics;
    private readonly InFlightRequests _inFlight = new();
    private readonly ILogger<SocketServer> _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly CancellationTokenSource _connectionsStopping = new();
    private Socket? _listener;
    private StartLock? _startLock;
    private FileIdentity? _boundFile;
    private readonly ProcessConnectionCounts _perProcess = new();

    /// <summary>Creates the server.</summary>
    public SocketServer(IOptions<DaemonOptions> options, RequestDispatcher dispatcher, DaemonMetrics metrics, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _dispatcher = dispatcher;
        _limiter = new RateLimiter(options);
        _metrics = metrics;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SocketServer>();
        SocketPath = OmgPaths.ResolveSocket(string.IsNullOrEmpty(_options.Socket) ? null : _options.Socket);
    }

    /// <summary>The socket path being served.</summary>
    public string SocketPath { get; }

    /// <summary>Binds before the host reports started, so a taken socket fails the start.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        (_listener, _startLock, _boundFile) = SocketBinder.Bind(SocketPath, _logger);
        LogListening(SocketPath, Environment.ProcessId, _options.Root);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Stops accepting, drains in-flight requests within the grace period, closes connections, removes the socket.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        DeleteSocketFile();

        // The path is free once its socket file is gone: a new omgd may claim it while this one drains.
        _startLock?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        TimeSpan grace = TimeSpan.FromSeconds(_options.Limits.ShutdownGraceSeconds);
        if (!await _inFlight.WaitIdleAsync(grace).ConfigureAwait(false))
        {
            LogGraceExpired(_inFlight.Count, grace.TotalSeconds);
        }

        await _connectionsStopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(_connections.Keys), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        LogStopped(SocketPath);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _listener?.Dispose();
        _startLock?.Dispose();
        _connectionsStopping.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan backoff = TimeSpan.FromMilliseconds(50);
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(50);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationAborted || stoppingToken.IsCancellationRequested)
            {
                // The listener was closed because the daemon is stopping.
                return;
            }
            catch (SocketException ex)
            {
                // EMFILE, ENFILE, ENOBUFS...: the daemon stays up and tries again a little later.
                LogAcceptFailed(ex.SocketErrorCode.ToString(), ex.Message, backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 1000));
                continue;
            }

            Task serving = ServeAsync(client);
            _connections.TryAdd(serving, true);
            _ = serving.ContinueWith(done => _connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield();
        PeerCredentials peer;
        try
        {
            peer = PeerCredentials.Of(client);
        }
        catch (SocketException ex)
        {
            LogPeerUnknown(ex.Message);
            _metrics.ConnectionRejected();
            client.Dispose();
            return;
        }

        if (peer.Uid != OwnUid && peer.Uid != 0)
        {
            LogForeignPeer(peer.Uid, peer.Pid, OwnUid);
            _metrics.ConnectionRejected();

            // Closed without a word, a refused client could only report "connection closed", which reads as a
            // crashed daemon; the frame says why. It names only uids the peer can learn anyway (stat on the socket).
            await RefuseAsync(client, ErrorCodes.PermissionDenied, $"permission denied: uid {peer.Uid} may not use this omgd (only uid {OwnUid} and root may connect)").ConfigureAwait(false);
            return;
        }

        if (_metrics.ActiveConnections >= _options.Limits.MaxConnections)
        {
            LogTooManyConnections(peer.Pid, _options.Limits.MaxConnections);
            _metrics.ConnectionRejected();
            await RefuseAsync(client, ErrorCodes.RateLimited, $"too many connections (limit {_options.Limits.MaxConnections}); retry after 100 ms").ConfigureAwait(false);
            return;
        }

        int perProcess = _options.Limits.MaxConnectionsPerProcess;
        if (perProcess > 0 && !_perProcess.TryOpen(peer.Pid, perProcess))
        {
            LogTooManyFromProcess(peer.Pid, perProcess);
            _metrics.ConnectionRejected();
            await RefuseAsync(client, ErrorCodes.RateLimited, $"too many connections from process {peer.Pid} (limit {perProcess} per process); close some or retry later").ConfigureAwait(false);
            return;
        }

        _metrics.ConnectionOpened();
        try
        {
            var connection = new ClientConnection(client, peer, _dispatcher, _limiter, _metrics, _inFlight, _options.Limits, _logger, _connectionsStopping.Token);
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogConnectionFailed(ex, peer.Pid);
        }
        finally
        {
            _metrics.ConnectionClosed();
            if (perProcess > 0)
            {
                _perProcess.Close(peer.Pid);
            }
        }
    }

    private static async Task RefuseAsync(Socket client, int code, string message)
    {
        try
        {
            using FrameBuffer frame = FrameBuffer.For(new ErrorResponse(0, code, message));
            await client.SendAsync(frame.Complete()).ConfigureAwait(false);

            // A client writes its request as soon as it connects. Closing with that request unread resets the
            // connection, and the reset can discard the refusal before the client reads it (the client then
            // only learns "connection reset"). So: stop sending, read and drop what arrives until the client
            // closes or a short grace period ends, then close.
            client.Shutdown(SocketShutdown.Send);
            using var grace = new CancellationTokenSource(RefusalGrace);
            byte[] sink = new byte[4096];
            int drained = 0;
            int read;
            while (drained < RefusalDrainBytes && (read = await client.ReceiveAsync(sink, SocketFlags.None, grace.Token).ConfigureAwait(false)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private void DeleteSocketFile()
    {
        // Only the daemon that bound the path (and so holds its start lock) removes the socket file there, and only the
        // file it bound: one put there since (by hand, or by an omgd whose lock file was cleaned away) is left alone.
        if (_startLock is null || _boundFile is not { } bound)
        {
            return;
        }

        try
        {
            if (FileIdentity.Of(SocketPath) == bound)
            {
                File.Delete(SocketPath);
            }
            else
            {
                LogSocketReplaced(SocketPath);
            }
        }
        catch (IOException ex)
        {
            LogDeleteFailed(SocketPath, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused a connection from pid {Pid}: it holds {Limit} already (Limits:MaxConnectionsPerProcess)")]
    private partial void LogTooManyFromProcess(int pid, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "omgd listening on {Path} (pid {Pid}, root {Root})")]
    private partial void LogListening(string path, int pid, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "omgd stopped serving {Path}")]
    private partial void LogStopped(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} request(s) still running after the {Seconds} s shutdown grace period")]
    private partial void LogGraceExpired(int count, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "accept failed ({Code}: {Reason}); retrying in {Delay} ms")]
    private partial void LogAcceptFailed(string code, string reason, double delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused a connection whose peer credentials could not be read: {Reason}")]
    private partial void LogPeerUnknown(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused a connection from uid {Uid} (pid {Pid}); only uid {Own} and root may connect")]
    private partial void LogForeignPeer(uint uid, int pid, uint own);

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused a connection from pid {Pid}: {Limit} connections already open")]
    private partial void LogTooManyConnections(int pid, int limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "connection from pid {Pid} failed")]
    private partial void LogConnectionFailed(Exception exception, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "left {Path} in place: it is no longer the socket file this omgd bound")]
    private partial void LogSocketReplaced(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not remove socket file {Path}: {Reason}")]
    private partial void LogDeleteFailed(string path, string reason);
}
