using System.Net.Sockets;
using Omg.Protocol;
using Omg.Protocol.Framing;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Omg.Protocol.Platform;

namespace Omg.Client;

/// <summary>
/// A connection to omgd shared by any number of concurrent calls. It connects on first use (starting
/// omgd when allowed), matches answers to calls by id, retries RATE_LIMITED answers, and reconnects on
/// the next call after the daemon went away. Thread-safe.
/// </summary>
public sealed class OmgClient : IAsyncDisposable, IDisposable
{
    /// <summary>The most items omgd accepts in one Batch; longer lists are split.</summary>
    public const int MaxBatchSize = 100;

    private readonly OmgClientOptions _options;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private Connection? _connection;
    private long _nextId;
    private bool _disposed;

    /// <summary>Creates a client; nothing is connected until the first call.</summary>
    public OmgClient(OmgClientOptions? options = null)
    {
        _options = options ?? new OmgClientOptions();
        SocketPath = OmgPaths.ResolveSocket(_options.SocketPath);
    }

    /// <summary>The socket this client talks to.</summary>
    public string SocketPath { get; }

    /// <summary>The options in use.</summary>
    public OmgClientOptions Options => _options;

    /// <summary>Checks that omgd answers.</summary>
    public async Task<string> PingAsync(CancellationToken cancellationToken = default) =>
        (await SendForResultAsync<PingResult>(new PingRequest(0), cancellationToken).ConfigureAwait(false)).Message;

    /// <summary>Searches packages; <paramref name="limit"/> null means the daemon's default (50).</summary>
    public Task<SearchResult> SearchAsync(string query, ulong? limit = null, CancellationToken cancellationToken = default) =>
        SearchAsync(query, limit, null, cancellationToken);

    /// <summary>
    /// Searches the packages of some sources only (<c>apt</c>, <c>npm</c>, <c>pypi</c>; <c>*</c> and <c>?</c>
    /// wildcards): the daemon filters before the limit, so the page and the total count only those sources.
    /// </summary>
    /// <param name="query">The words to look for.</param>
    /// <param name="limit">The most results; null for the daemon's default (50).</param>
    /// <param name="sources">Source names or patterns; null for every source.</param>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    public Task<SearchResult> SearchAsync(string query, ulong? limit, IReadOnlyList<string>? sources, CancellationToken cancellationToken = default) =>
        SearchAsync(query, limit, sources, installedOnly: false, cancellationToken);

    /// <summary>
    /// Searches with the daemon's filters: some sources only and/or installed packages only, both applied
    /// before the limit, so the page and the total count only what passes them.
    /// </summary>
    /// <param name="query">The words to look for.</param>
    /// <param name="limit">The most results; null for the daemon's default (50).</param>
    /// <param name="sources">Source names or patterns; null for every source.</param>
    /// <param name="installedOnly">True for installed packages only.</param>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    /// <remarks>An omgd older than the <c>installed</c> field ignores it and answers for all packages.</remarks>
    public Task<SearchResult> SearchAsync(string query, ulong? limit, IReadOnlyList<string>? sources, bool installedOnly, CancellationToken cancellationToken = default) =>
        SearchAsync(query, limit, sources, installedOnly, offset: 0, cancellationToken);

    /// <summary>
    /// One page of a search: the ranked matches from <paramref name="offset"/> on, at most <paramref name="limit"/> of
    /// them; <see cref="SearchResult.Total"/> counts every match, so pages up to it read them all.
    /// </summary>
    /// <param name="query">The words to look for.</param>
    /// <param name="limit">The most results; null for the daemon's default (50).</param>
    /// <param name="sources">Source names or patterns; null for every source.</param>
    /// <param name="installedOnly">True for installed packages only.</param>
    /// <param name="offset">Matches to skip (0 for the first page).</param>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    /// <remarks>An omgd older than the <c>offset</c> field ignores it and answers the first page again.</remarks>
    public Task<SearchResult> SearchAsync(string query, ulong? limit, IReadOnlyList<string>? sources, bool installedOnly, ulong offset, CancellationToken cancellationToken = default) =>
        SendForResultAsync<SearchResult>(new SearchRequest(0, query, limit, sources, installedOnly, offset), cancellationToken);

    /// <summary>Details of one package.</summary>
    /// <exception cref="OmgRequestException">PACKAGE_NOT_FOUND (see <see cref="OmgRequestException.IsPackageNotFound"/>) and other errors.</exception>
    public Task<DetailedPackageInfo> InfoAsync(string name, CancellationToken cancellationToken = default) =>
        SendForResultAsync<DetailedPackageInfo>(new InfoRequest(0, name), cancellationToken);

    /// <summary>Package names close to <paramref name="query"/>, best first; <paramref name="limit"/> null means 10.</summary>
    public async Task<IReadOnlyList<string>> SuggestAsync(string query, ulong? limit = null, CancellationToken cancellationToken = default) =>
        (await SendForResultAsync<SuggestResult>(new SuggestRequest(0, query, limit), cancellationToken).ConfigureAwait(false)).Names;

    /// <summary>The machine's package summary.</summary>
    public Task<StatusResult> StatusAsync(CancellationToken cancellationToken = default) =>
        SendForResultAsync<StatusResult>(new StatusRequest(0), cancellationToken);

    /// <summary>Installed language runtimes.</summary>
    public async Task<IReadOnlyList<RuntimeInfo>> RuntimesAsync(CancellationToken cancellationToken = default) =>
        (await SendForResultAsync<RuntimesResult>(new RuntimesRequest(0), cancellationToken).ConfigureAwait(false)).Runtimes;

    /// <summary>The daemon's identity (version, pid) and counters.</summary>
    public Task<MetricsResult> MetricsAsync(CancellationToken cancellationToken = default) =>
        SendForResultAsync<MetricsResult>(new MetricsRequest(0), cancellationToken);

    /// <summary>Audits installed packages against the loaded advisories.</summary>
    /// <exception cref="OmgRequestException">ADVISORY_DATA_UNAVAILABLE when no advisory data is loaded.</exception>
    public Task<SecurityAuditResult> SecurityAuditAsync(CancellationToken cancellationToken = default) =>
        SendForResultAsync<SecurityAuditResult>(new SecurityAuditRequest(0), cancellationToken);

    /// <summary>The modules omgd can run.</summary>
    public async Task<IReadOnlyList<ModuleInfo>> ModulesAsync(CancellationToken cancellationToken = default) =>
        (await SendForResultAsync<ModulesResult>(new ModulesRequest(0), cancellationToken).ConfigureAwait(false)).Modules;

    /// <summary>Runs module <paramref name="name"/> with <paramref name="request"/>, the module contract's map (<c>arguments</c>, <c>options</c>, ...).</summary>
    public Task<ModuleResult> RunModuleAsync(string name, MessagePackValue request, CancellationToken cancellationToken = default) =>
        RunModuleAsync(name, request, null, cancellationToken);

    /// <summary>
    /// Runs module <paramref name="name"/> with <paramref name="request"/>, killed by omgd after <paramref name="timeout"/>
    /// (null for omgd's configured default). Cancelling only stops the wait: to have omgd kill the module, dispose the client,
    /// which closes the connection.
    /// </summary>
    public Task<ModuleResult> RunModuleAsync(string name, MessagePackValue request, TimeSpan? timeout, CancellationToken cancellationToken = default) =>
        SendForResultAsync<ModuleResult>(new ModuleRequest(0, name, request, timeout is { } t ? (ulong)Math.Max(1, t.TotalMilliseconds) : null), cancellationToken);

    /// <summary>Imports advisories from <paramref name="source"/> (a file or URL), or from the configured sources when null.</summary>
    public Task<AdvisoryUpdateResult> UpdateAdvisoriesAsync(string? source = null, CancellationToken cancellationToken = default) =>
        SendForResultAsync<AdvisoryUpdateResult>(new UpdateAdvisoriesRequest(0, source), cancellationToken);

    /// <summary>
    /// Sends <paramref name="requests"/> as Batch requests (split in runs of <see cref="MaxBatchSize"/>).
    /// The client chooses the ids on the wire; each answer is given back with the id of its request in
    /// <paramref name="requests"/>, in the same order. Errors of single items are answers, not exceptions.
    /// </summary>
    /// <exception cref="OmgRequestException">The Batch itself was refused.</exception>
    public async Task<IReadOnlyList<Response>> BatchAsync(IReadOnlyList<Request> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        // Chunks go one after another: sent all at once, a few thousand requests spend the connection's rate budget
        // in one burst and the later chunks run out of RATE_LIMITED retries. One at a time, each waits out the
        // daemon's "retry after" hint at most once, and the whole list is paced to what the daemon admits.
        var answers = new List<Response>(requests.Count);
        for (int start = 0; start < requests.Count; start += MaxBatchSize)
        {
            Request[] items = requests.Skip(start).Take(MaxBatchSize).Select(r => r with { Id = NextId() }).ToArray();
            BatchResult result = await SendForResultAsync<BatchResult>(new BatchRequest(0, items), cancellationToken).ConfigureAwait(false);
            int expected = Math.Min(MaxBatchSize, requests.Count - answers.Count);
            if (result.Responses.Count != expected)
            {
                throw new InvalidDataException($"omgd answered a batch of {expected} requests with {result.Responses.Count} responses");
            }

            foreach (Response response in result.Responses)
            {
                answers.Add(response with { Id = requests[answers.Count].Id });
            }
        }

        return answers;
    }

    /// <summary>Sends a request (its id is replaced by the client's) and returns the matching answer.</summary>
    /// <returns>The answer: a success, or an error (RATE_LIMITED only once the retries are used up).</returns>
    /// <exception cref="TimeoutException">No answer within <see cref="OmgClientOptions.RequestTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="OmgDaemonUnavailableException">omgd cannot be reached, or the connection broke.</exception>
    /// <exception cref="ArgumentException">The request is over the 1 MiB request limit once encoded.</exception>
    public async Task<Response> SendAsync(Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (int attempt = 0; ; attempt++)
        {
            Response response = await ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
            if (response is ErrorResponse { Code: ErrorCodes.RateLimited } limited && attempt < _options.RateLimitRetries)
            {
                await Task.Delay(RateLimitBackoff.Delay(attempt, limited.Message), cancellationToken).ConfigureAwait(false);
                continue;
            }

            return response;
        }
    }

    /// <summary>Sends a request and returns its result as <typeparamref name="TResult"/>.</summary>
    /// <exception cref="OmgRequestException">The daemon answered with an error.</exception>
    /// <exception cref="InvalidDataException">The answer is a result of another type.</exception>
    public async Task<TResult> SendForResultAsync<TResult>(Request request, CancellationToken cancellationToken = default)
        where TResult : ResponseResult
    {
        Response response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response switch
        {
            SuccessResponse { Result: TResult result } => result,
            SuccessResponse success => throw new InvalidDataException($"omgd answered {request.Variant} with a {success.Result.Variant} result"),
            ErrorResponse error => throw new OmgRequestException(request.Variant, error),
            _ => throw new InvalidDataException($"unexpected response type {response.GetType().Name}"),
        };
    }

    /// <summary>Connects now (starting omgd when allowed) instead of on the first call.</summary>
    /// <exception cref="OmgDaemonUnavailableException">omgd cannot be reached or started.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default) =>
        await GetConnectionAsync(null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Connection? connection;
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            connection = _connection;
            _connection = null;
        }
        finally
        {
            _connectLock.Release();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private ulong NextId() => (ulong)Interlocked.Increment(ref _nextId);

    private async Task<Response> ExchangeAsync(Request request, CancellationToken cancellationToken)
    {
        ulong id = NextId();
        Request wire = request with { Id = id };
        using FrameBuffer frame = FrameBuffer.For(wire);
        if (frame.PayloadLength > FrameLimits.MaxRequestSize)
        {
            // omgd would refuse it and close the connection, failing every other call on it too.
            throw new ArgumentException($"{request.Variant} is {frame.PayloadLength} bytes encoded, over omgd's request limit of {FrameLimits.MaxRequestSize} bytes", nameof(request));
        }

        ReadOnlyMemory<byte> bytes = frame.Complete(FrameLimits.MaxRequestSize);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Connection? connection = null;
        try
        {
            // Connecting and auto-starting have their own time limits; the request timeout is the wait
            // for the daemon's answer.
            connection = await GetConnectionAsync(null, cancellationToken).ConfigureAwait(false);
            timeoutSource.CancelAfter(_options.RequestTimeout);
            Task<Response> answer = connection.Expect(id);
            try
            {
                await connection.WriteAsync(bytes, timeoutSource.Token).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The daemon went away since our last call (a restart): nothing of this request reached
                // it, so it is safe to send once more on a new connection.
                connection.Forget(id);
                connection = await GetConnectionAsync(connection, timeoutSource.Token).ConfigureAwait(false);
                answer = connection.Expect(id);
                await connection.WriteAsync(bytes, timeoutSource.Token).ConfigureAwait(false);
            }

            return await answer.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
        {
            connection?.Forget(id);
            throw new TimeoutException($"{request.Variant} (id {id}) got no answer from omgd at {SocketPath} within {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException)
        {
            connection?.Forget(id);
            throw;
        }
        catch (IOException ex)
        {
            connection?.Forget(id);
            throw new OmgDaemonUnavailableException(SocketPath, $"sending {request.Variant} to omgd at {SocketPath} failed: {ex.Message}", innerException: ex);
        }
    }

    // broken: the connection the caller found dead; it is replaced unless another call already did so.
    private async Task<Connection> GetConnectionAsync(Connection? broken, CancellationToken cancellationToken)
    {
        Connection? current = Volatile.Read(ref _connection);
        if (current is { IsBroken: false } && current != broken)
        {
            return current;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            current = _connection;
            if (current is { IsBroken: false } && current != broken)
            {
                return current;
            }

            if (current is not null)
            {
                // Forgotten before the new one is opened: when that fails (omgd is gone), a later call or the client's
                // own dispose must not dispose this one a second time.
                _connection = null;
                await current.DisposeAsync().ConfigureAwait(false);
            }

            Connection fresh = await OpenAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _connection, fresh);
            return fresh;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<Connection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Connection.ConnectAsync(SocketPath, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            if (!_options.AutoStart || !IsNobodyListening(ex))
            {
                string hint = _options.AutoStart ? string.Empty : " (auto-start is off)";
                throw new OmgDaemonUnavailableException(SocketPath, $"cannot connect to omgd at {SocketPath}: {Describe(ex)}{hint}", innerException: ex);
            }

            try
            {
                await new DaemonLauncher(_options).EnsureRunningAsync(SocketPath, cancellationToken).ConfigureAwait(false);
            }
            catch (OmgDaemonUnavailableException failed)
            {
                throw new OmgDaemonUnavailableException(SocketPath, $"cannot connect to omgd at {SocketPath}: {Describe(ex)}; auto-start failed: {failed.Reason}", failed.LogTail, failed);
            }

            try
            {
                return await Connection.ConnectAsync(SocketPath, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception again) when (again is SocketException or TimeoutException)
            {
                throw new OmgDaemonUnavailableException(SocketPath, $"cannot connect to omgd at {SocketPath} even after starting it: {again.Message}", LogTail.Read(DaemonLauncher.LogPath), again);
            }
        }
    }

    // .NET words ENOENT as "Cannot assign requested address", which sends readers the wrong way.
    private string Describe(Exception ex) => ex switch
    {
        SocketException when !File.Exists(SocketPath) => "the socket does not exist (omgd is not running)",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused (a stale socket: omgd is not running)",
        _ => ex.Message,
    };

    // ENOENT (no socket file; .NET reports AddressNotAvailable) and ECONNREFUSED (a stale socket file)
    // mean no daemon; anything else, like EACCES, would not be fixed by starting one.
    private bool IsNobodyListening(Exception ex) =>
        ex is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.AddressNotAvailable }
        || (ex is SocketException && !File.Exists(SocketPath));
}
