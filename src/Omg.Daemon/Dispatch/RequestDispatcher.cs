using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omg.Daemon.Handlers;
using Omg.Daemon.Metrics;
using Omg.Protocol;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Dispatch;

/// <summary>
/// Turns every decoded request into exactly one response: validates, routes to the registered handler,
/// enforces the request timeout, maps failures to error codes and records metrics. Never throws.
/// </summary>
public sealed partial class RequestDispatcher
{
    private static readonly PingResult Pong = new("pong");
    private static readonly string Version =
        typeof(RequestDispatcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly IPackageHandler? _packages;
    private readonly IAuditHandler? _audit;
    private readonly IModuleHandler? _modules;
    private readonly DaemonMetrics _metrics;
    private readonly ILogger<RequestDispatcher> _logger;
    private readonly TimeSpan _timeout;
    private readonly int _batchConcurrency;

    /// <summary>Creates the dispatcher; handlers not registered in <paramref name="services"/> answer METHOD_NOT_FOUND.</summary>
    public RequestDispatcher(IServiceProvider services, DaemonMetrics metrics, IOptions<DaemonOptions> options, ILogger<RequestDispatcher> logger)
    {
        _packages = services.GetService<IPackageHandler>();
        _audit = services.GetService<IAuditHandler>();
        _modules = services.GetService<IModuleHandler>();
        _metrics = metrics;
        _logger = logger;
        _timeout = TimeSpan.FromSeconds(options.Value.Limits.RequestTimeoutSeconds);
        _batchConcurrency = Math.Max(1, options.Value.Limits.BatchConcurrency);
    }

    /// <summary>The daemon's version, as Metrics reports it.</summary>
    public static string DaemonVersion => Version;

    /// <summary>Answers one request.</summary>
    public ValueTask<Response> DispatchAsync(Request request, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        ValueTask<Response> pending = DispatchCoreAsync(request, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            Response response = pending.Result;
            Record(request, started, response);
            return new ValueTask<Response>(response);
        }

        return AwaitAndRecordAsync(request, started, pending);
    }

    /// <summary>Answers a request that could not be decoded, and counts it.</summary>
    public Response Undecodable(ProtocolException error)
    {
        _metrics.RecordRequest(error is UnknownVariantException ? UnknownVariantKey : "Undecodable", TimeSpan.Zero, failed: true);
        return new ErrorResponse(error.RequestId ?? 0, error.ErrorCode, error.Message);
    }

    private async ValueTask<Response> AwaitAndRecordAsync(Request request, long started, ValueTask<Response> pending)
    {
        Response response = await pending.ConfigureAwait(false);
        Record(request, started, response);
        return response;
    }

    // Unknown variant names are the client's words: each would be a metrics entry of its own, kept for the daemon's
    // lifetime (100 Batches of 100 made-up 10 KB names took RSS from 130 to 448 MB and made Metrics too big to send),
    // so they are all counted under the one key the undecodable ones use.
    private void Record(Request request, long started, Response response) =>
        _metrics.RecordRequest(request is UnknownRequest ? UnknownVariantKey : request.Variant, Stopwatch.GetElapsedTime(started), response is ErrorResponse);

    /// <summary>The metrics key under which every request of an unknown variant is counted.</summary>
    public const string UnknownVariantKey = "Unknown";

    private ValueTask<Response> DispatchCoreAsync(Request request, CancellationToken cancellationToken)
    {
        if (request is PingRequest)
        {
            return new ValueTask<Response>(new SuccessResponse(request.Id, Pong));
        }

        if (RequestValidator.Validate(request) is { } invalid)
        {
            _metrics.ValidationFailed();
            return new ValueTask<Response>(new ErrorResponse(request.Id, ErrorCodes.InvalidParams, invalid));
        }

        if (request is BatchRequest batch)
        {
            return BatchAsync(batch, cancellationToken);
        }

        ValueTask<ResponseResult> work;
        try
        {
            work = Route(request, cancellationToken);
        }
        catch (Exception ex)
        {
            return new ValueTask<Response>(Failure(request, ex));
        }

        if (work.IsCompletedSuccessfully)
        {
            return new ValueTask<Response>(new SuccessResponse(request.Id, work.Result));
        }

        return AwaitWithTimeoutAsync(request, work, cancellationToken);
    }

    private async ValueTask<Response> AwaitWithTimeoutAsync(Request request, ValueTask<ResponseResult> work, CancellationToken cancellationToken)
    {
        try
        {
            ResponseResult result = RequestTimeoutPolicy.UsesGeneralTimeout(request)
                ? await work.AsTask().WaitAsync(_timeout, cancellationToken).ConfigureAwait(false)
                : await work.AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            return new SuccessResponse(request.Id, result);
        }
        catch (TimeoutException)
        {
            LogTimeout(request.Variant, request.Id, _timeout.TotalSeconds);
            return new ErrorResponse(request.Id, ErrorCodes.InternalError, $"{request.Variant} timed out after {_timeout.TotalSeconds:0.###} s (request timeout)");
        }
        catch (Exception ex)
        {
            return Failure(request, ex);
        }
    }

    private ValueTask<ResponseResult> Route(Request request, CancellationToken cancellationToken) => request switch
    {
        SearchRequest search => Wrap(Packages(request).SearchAsync(search.Query, RequestValidator.LimitOf(search.Limit, RequestValidator.DefaultSearchLimit), (int)search.Offset, search.Sources, search.Installed, cancellationToken)),
        InfoRequest info => Wrap(Packages(request).InfoAsync(info.Package, cancellationToken)),
        SuggestRequest suggest => SuggestAsync(suggest, cancellationToken),
        StatusRequest => StatusAsync(request, cancellationToken),
        RuntimesRequest => RuntimesAsync(request, cancellationToken),
        MetricsRequest => new ValueTask<ResponseResult>(_metrics.Snapshot(Version)),
        SecurityAuditRequest => Wrap(Audit(request).AuditAsync(cancellationToken)),
        UpdateAdvisoriesRequest update => Wrap(Audit(request).UpdateAsync(update.Source, cancellationToken)),
        ModulesRequest => ModulesAsync(request, cancellationToken),
        ModuleRequest module => Wrap(Modules(request).RunAsync(module.Name, module.Arguments, module.TimeoutMs, cancellationToken)),
        UnknownRequest unknown => throw new RequestFailedException(ErrorCodes.MethodNotFound, $"unknown request type '{unknown.VariantName}'"),
        _ => throw new RequestFailedException(ErrorCodes.MethodNotFound, $"request type '{request.Variant}' is not handled by this build"),
    };

    private async ValueTask<ResponseResult> SuggestAsync(SuggestRequest suggest, CancellationToken cancellationToken) =>
        new SuggestResult(await Packages(suggest).SuggestAsync(suggest.Query, RequestValidator.LimitOf(suggest.Limit, RequestValidator.DefaultSuggestLimit), cancellationToken).ConfigureAwait(false));

    private async ValueTask<ResponseResult> RuntimesAsync(Request request, CancellationToken cancellationToken) =>
        new RuntimesResult(await Packages(request).RuntimesAsync(cancellationToken).ConfigureAwait(false));

    private async ValueTask<ResponseResult> ModulesAsync(Request request, CancellationToken cancellationToken) =>
        new ModulesResult(await Modules(request).ListAsync(cancellationToken).ConfigureAwait(false));

    private async ValueTask<ResponseResult> StatusAsync(Request request, CancellationToken cancellationToken)
    {
        StatusResult status = await Packages(request).StatusAsync(cancellationToken).ConfigureAwait(false);
        if (_audit is null)
        {
            return status with { SecurityVulnerabilities = 0, AdvisoriesLoaded = false };
        }

        (ulong vulnerabilities, bool loaded) = await _audit.CountAsync(cancellationToken).ConfigureAwait(false);
        return status with { SecurityVulnerabilities = vulnerabilities, AdvisoriesLoaded = loaded };
    }

    private async ValueTask<Response> BatchAsync(BatchRequest batch, CancellationToken cancellationToken)
    {
        var responses = new Response[batch.Requests.Count];
        using var gate = new SemaphoreSlim(_batchConcurrency);
        var running = new List<Task>(batch.Requests.Count);
        for (int i = 0; i < batch.Requests.Count; i++)
        {
            int index = i;
            Request item = batch.Requests[i];
            ValueTask<Response> direct = DispatchAsync(item, cancellationToken);
            if (direct.IsCompletedSuccessfully)
            {
                responses[index] = direct.Result;
                continue;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            running.Add(CompleteItemAsync(direct, responses, index, gate));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        return new SuccessResponse(batch.Id, new BatchResult(responses));
    }

    private static async Task CompleteItemAsync(ValueTask<Response> pending, Response[] responses, int index, SemaphoreSlim gate)
    {
        try
        {
            responses[index] = await pending.ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private Response Failure(Request request, Exception exception)
    {
        switch (exception)
        {
            case RequestFailedException failed:
                return new ErrorResponse(request.Id, failed.Code, failed.Message);
            case OperationCanceledException:
                return new ErrorResponse(request.Id, ErrorCodes.InternalError, $"{request.Variant} was cancelled: the daemon is stopping");
            default:
                LogHandlerFailure(exception, request.Variant, request.Id);
                return new ErrorResponse(request.Id, ErrorCodes.InternalError, $"internal error in {request.Variant} ({exception.GetType().Name}); the daemon log has details for request {request.Id}");
        }
    }

    private IPackageHandler Packages(Request request) => _packages ?? throw Missing(request, "the package backend");

    private IAuditHandler Audit(Request request) => _audit ?? throw Missing(request, "vulnerability auditing");

    private IModuleHandler Modules(Request request) => _modules ?? throw Missing(request, "the module runtime");

    private static RequestFailedException Missing(Request request, string capability) =>
        new(ErrorCodes.MethodNotFound, $"{request.Variant} is not available: {capability} is not part of this build");

    private static async ValueTask<ResponseResult> Wrap<T>(ValueTask<T> work)
        where T : ResponseResult => await work.ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Variant} request {Id} failed")]
    private partial void LogHandlerFailure(Exception exception, string variant, ulong id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Variant} request {Id} timed out after {Seconds} s")]
    private partial void LogTimeout(string variant, ulong id, double seconds);
}
