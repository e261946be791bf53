using System.Collections.Concurrent;
using System.Net.Sockets;
using Omg.Protocol;
using Omg.Protocol.Framing;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Client.Tests;

/// <summary>
/// A stand-in for omgd in client tests: a real Unix socket that speaks the protocol and answers with
/// canned results. Tests steer it: swap the handler, hold answers and release them in any order, answer
/// RATE_LIMITED a few times, never answer, drop connections, or stop and start again on the same path.
/// </summary>
internal sealed class TestDaemon : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Peer, byte> _peers = new();
    private readonly List<(Peer Peer, Response Response)> _held = [];
    private readonly Task _acceptLoop;
    private int _rateLimitNext;

    private TestDaemon(string socketPath)
    {
        SocketPath = socketPath;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(64);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string SocketPath { get; }

    /// <summary>Answers a request; null means never answer it.</summary>
    public Func<Request, Task<Response?>> Handler { get; set; } = request => Task.FromResult<Response?>(Canned(request));

    /// <summary>When true, answers are kept until <see cref="ReleaseHeldAsync"/>.</summary>
    public bool HoldAnswers { get; set; }

    public ConcurrentQueue<Request> Received { get; } = new();

    public int Connections;

    public int HeldCount
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>A fresh socket path in a private temporary directory.</summary>
    public static string NewSocketPath()
    {
        string dir = Path.Combine(Path.GetTempPath(), "omgct-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, "omg.sock");
    }

    public static TestDaemon Start(string? socketPath = null) => new(socketPath ?? NewSocketPath());

    /// <summary>The next <paramref name="count"/> requests other than Ping are answered RATE_LIMITED.</summary>
    public void RateLimitNext(int count) => Volatile.Write(ref _rateLimitNext, count);

    public async Task ReleaseHeldAsync(bool reverse)
    {
        List<(Peer Peer, Response Response)> held;
        lock (_held)
        {
            held = [.. _held];
            _held.Clear();
        }

        if (reverse)
        {
            held.Reverse();
        }

        foreach ((Peer peer, Response response) in held)
        {
            await peer.SendAsync(response);
        }
    }

    /// <summary>
    /// Sends <paramref name="error"/> on every open connection and closes it, as omgd refuses a connection
    /// over its limit (an error with id 0, then the close).
    /// </summary>
    public async Task RefuseAllAsync(ErrorResponse error)
    {
        foreach (Peer peer in _peers.Keys)
        {
            await peer.SendAsync(error);
            peer.Close();
        }
    }

    /// <summary>Closes every open connection, as a crashing daemon would; the listener stays.</summary>
    public void DropConnections()
    {
        foreach (Peer peer in _peers.Keys)
        {
            peer.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
        DropConnections();
        await _acceptLoop;
        File.Delete(SocketPath);
    }

    public static Response Canned(Request request) => request switch
    {
        PingRequest => new SuccessResponse(request.Id, new PingResult("pong")),
        SearchRequest { Query: "nomatch" } => new SuccessResponse(request.Id, new SearchResult([], 0)),
        SearchRequest search => new SuccessResponse(request.Id, new SearchResult(
            [
                new PackageInfo("vim", "2:9.0.1378-2", "Vi IMproved - enhanced vi editor", "apt", Installed: true),
                new PackageInfo("vim-tiny", "2:9.0.1378-2", "Vi IMproved - enhanced vi editor - compact version", "apt"),
                new PackageInfo("neovim", "0.7.2-7", "heavily refactored vim fork", "apt"),
            ], 3 + (search.Limit ?? 0))),
        InfoRequest info when info.Package is "vim" or "curl" => new SuccessResponse(request.Id, new DetailedPackageInfo
        {
            Name = info.Package,
            Version = "1.0-1",
            Description = $"the {info.Package} package",
            Source = "apt",
            Url = $"https://example.org/{info.Package}",
            Size = 4096,
            Repo = "bookworm/main",
            Depends = ["libc6"],
            Licenses = ["GPL-2+"],
            InstalledVersion = "1.0-1",
            CandidateVersion = "1.0-1",
            Architecture = "amd64",
        }),
        InfoRequest info => new ErrorResponse(request.Id, ErrorCodes.PackageNotFound, $"package '{info.Package}' not found"),
        SuggestRequest => new SuccessResponse(request.Id, new SuggestResult(["vim", "vim-tiny"])),
        StatusRequest => new SuccessResponse(request.Id, new StatusResult
        {
            TotalPackages = 1234,
            ExplicitPackages = 100,
            OrphanPackages = 2,
            UpdatesAvailable = 7,
            SecurityVulnerabilities = 3,
            RuntimeVersions = [("python", "3.11.2")],
            AdvisoriesLoaded = true,
            Upgradable = ["curl", "nosuch-lib"],
        }),
        RuntimesRequest => new SuccessResponse(request.Id, new RuntimesResult([new RuntimeInfo("python", "3.11.2", "/usr/bin/python3", "system", true)])),
        MetricsRequest => new SuccessResponse(request.Id, new MetricsResult { Version = "0.1.0-test", Pid = (ulong)Environment.ProcessId, UptimeSeconds = 42, TotalConnections = 1 }),
        SecurityAuditRequest => new SuccessResponse(request.Id, new SecurityAuditResult(1, 1, [("openssl", [new Vulnerability("CVE-2024-0001", "bad bug", 9.8f)])])),
        ModulesRequest => new SuccessResponse(request.Id, new ModulesResult([new ModuleInfo("sys.proc", "0.1", "processes", "/modules/sys/proc")])),
        ModuleRequest module => new SuccessResponse(request.Id, new ModuleResult(0, $"ran {module.Name}", [], module.Arguments, [])),
        UpdateAdvisoriesRequest update => new SuccessResponse(request.Id, new AdvisoryUpdateResult(update.Source ?? "configured", 10, 5, false)),
        _ => new ErrorResponse(request.Id, ErrorCodes.MethodNotFound, $"unknown request {request.Variant}"),
    };

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref Connections);
            var peer = new Peer(socket);
            _peers[peer] = 0;
            _ = Task.Run(() => ServeAsync(peer));
        }
    }

    private async Task ServeAsync(Peer peer)
    {
        try
        {
            while (await FrameReader.ReadAsync(peer.Stream, FrameLimits.MaxRequestSize, _stop.Token) is { } payload)
            {
                Request request = MessageCodec.DecodeRequest(payload);
                Received.Enqueue(request);
                _ = Task.Run(() => AnswerAsync(peer, request));
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client or the test closed the connection.
        }
        finally
        {
            _peers.TryRemove(peer, out _);
            peer.Close();
        }
    }

    private async Task AnswerAsync(Peer peer, Request request)
    {
        Response? response;
        if (request is not PingRequest && Interlocked.Decrement(ref _rateLimitNext) >= 0)
        {
            response = new ErrorResponse(request.Id, ErrorCodes.RateLimited, "rate limit exceeded; retry after 10 ms");
        }
        else if (request is BatchRequest batch)
        {
            var items = new List<Response>();
            foreach (Request item in batch.Requests)
            {
                items.Add(await Handler(item) ?? new ErrorResponse(item.Id, ErrorCodes.InternalError, "no answer"));
            }

            response = new SuccessResponse(batch.Id, new BatchResult(items));
        }
        else
        {
            response = await Handler(request);
        }

        if (response is null)
        {
            return;
        }

        if (HoldAnswers)
        {
            lock (_held)
            {
                _held.Add((peer, response));
            }

            return;
        }

        await peer.SendAsync(response);
    }

    private sealed class Peer(Socket socket)
    {
        private readonly SemaphoreSlim _write = new(1, 1);

        public NetworkStream Stream { get; } = new(socket, ownsSocket: true);

        public async Task SendAsync(Response response)
        {
            using FrameBuffer frame = FrameBuffer.For(response);
            await _write.WaitAsync();
            try
            {
                await Stream.WriteAsync(frame.Complete());
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
            {
                // The client went away; its answer has nobody to go to.
            }
            finally
            {
                _write.Release();
            }
        }

        public void Close()
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }

            Stream.Dispose();
        }
    }
}
