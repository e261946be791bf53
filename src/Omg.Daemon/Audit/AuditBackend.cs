using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omg.Audit;
using Omg.Audit.Matching;
using Omg.Audit.Sources;
using Omg.Daemon.Handlers;
using Omg.Daemon.Packages;
using Omg.Packages;
using Omg.Protocol;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Audit;

/// <summary>
/// The audit handler: adapts <see cref="AuditService"/> to the wire. The store is read in the background at
/// start; audits are served from the report computed after the last change of advisories or installed packages.
/// </summary>
public sealed partial class AuditBackend : IAuditHandler, IHostedService, IDisposable
{
    private static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(20);

    private readonly AuditService _service;
    private readonly PackageBackend _packages;
    private readonly ILogger<AuditBackend> _logger;
    private readonly TimeSpan _updateTimeout;
    private readonly CancellationTokenSource _stopping = new();
    private (AuditReport Report, SecurityAuditResult Wire)? _wire;
    private int _disposed;

    /// <summary>Creates the backend over the configured root and data directory.</summary>
    public AuditBackend(IOptions<DaemonOptions> options, PackageBackend packages, ILogger<AuditBackend> logger)
    {
        _packages = packages;
        _logger = logger;
        AuditOptions audit = options.Value.Audit;
        _updateTimeout = TimeSpan.FromSeconds(audit.UpdateTimeoutSeconds);
        _service = new AuditService(
            new AuditServiceOptions
            {
                Root = packages.Root,
                StoreDirectory = StoreDirectory(options.Value.DataDir),
                DefaultSources = audit.Sources.Length > 0 ? audit.Sources : [AuditOptions.DebianTrackerUrl],
                DownloadTimeout = TimeSpan.FromSeconds(audit.DownloadTimeoutSeconds),
                MaxDownloadBytes = audit.MaxDownloadBytes,
            },
            line => LogAudit(line));
    }

    /// <summary>The service, for diagnostics and tests.</summary>
    public AuditService Service => _service;

    /// <summary><c>&lt;data dir&gt;/advisories</c>; the data dir defaults to <c>$XDG_DATA_HOME/omg</c>, else <c>~/.local/share/omg</c>.</summary>
    public static string StoreDirectory(string dataDir)
    {
        if (string.IsNullOrEmpty(dataDir))
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            string data = string.IsNullOrEmpty(xdg) || !Path.IsPathRooted(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
                : xdg;
            dataDir = Path.Combine(data, "omg");
        }

        return Path.Combine(dataDir, "advisories");
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = LoadAsync();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask<SecurityAuditResult> AuditAsync(CancellationToken cancellationToken)
    {
        await WaitForStoreAsync(cancellationToken).ConfigureAwait(false);
        AuditReport report = _service.Audit(_packages.Service.Generation, RuntimeComponents)
            ?? throw new RequestFailedException(ErrorCodes.AdvisoryDataUnavailable,
                "no advisory data is loaded, so nothing can be said about vulnerabilities; import some with 'omg advisories update [source]' or Update-OmgAdvisory");
        if (_wire is { } cached && ReferenceEquals(cached.Report, report))
        {
            return cached.Wire;
        }

        SecurityAuditResult wire = ToWire(report);
        _wire = (report, wire);
        return wire;
    }

    /// <inheritdoc />
    public async ValueTask<AdvisoryUpdateResult> UpdateAsync(string? source, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        bound.CancelAfter(_updateTimeout);
        try
        {
            IReadOnlyList<ImportResult> results = await _service.ImportAsync(source, bound.Token).ConfigureAwait(false);

            // Status shows the new count without waiting for someone to ask for an audit.
            _service.Latest(_packages.Service.Generation, RuntimeComponents);
            return new AdvisoryUpdateResult(
                string.Join(", ", results.Select(r => r.Origin)),
                (ulong)results.Sum(r => r.Advisories),
                (ulong)results.Sum(r => r.Packages),
                results.All(r => r.NotModified));
        }
        catch (AdvisoryImportException ex)
        {
            LogAudit($"import refused: {ex.Message}");
            throw new RequestFailedException(ErrorCodes.AdvisoryDataUnavailable, $"advisories not imported, the data loaded before stays in use: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            throw new RequestFailedException(ErrorCodes.AdvisoryDataUnavailable, $"advisory update timed out after {_updateTimeout.TotalSeconds:0.###} s (Audit:UpdateTimeoutSeconds); the data loaded before stays in use");
        }
    }

    /// <inheritdoc />
    public ValueTask<(ulong Vulnerabilities, bool Loaded)> CountAsync(CancellationToken cancellationToken)
    {
        // Status never waits for an audit: it reports the latest one, or unknown until there is one.
        AuditReport? report = _service.StoreLoaded.IsCompleted ? _service.Latest(_packages.Service.Generation, RuntimeComponents) : null;
        return new ValueTask<(ulong, bool)>(report is null ? (0UL, false) : ((ulong)report.Total, true));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The host disposes this twice (as itself and as a hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _stopping.Dispose();
        _service.Dispose();
    }

    private async Task LoadAsync()
    {
        try
        {
            await _service.LoadStoreAsync(_stopping.Token).ConfigureAwait(false);

            // The first report is computed now, so that Status has a count without anyone asking for an audit.
            if (_service.Database.IsLoaded)
            {
                await _packages.Service.GetAsync(TimeSpan.FromSeconds(60), _stopping.Token).ConfigureAwait(false);
                _service.Latest(_packages.Service.Generation, RuntimeComponents);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogAudit($"the advisory store could not be read: {ex.Message}");
        }
    }

    private async Task WaitForStoreAsync(CancellationToken cancellationToken)
    {
        if (_service.StoreLoaded.IsCompleted)
        {
            return;
        }

        try
        {
            await _service.StoreLoaded.WaitAsync(StoreWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new RequestFailedException(ErrorCodes.AdvisoryDataUnavailable, "the advisory store is still being loaded; retry in a moment");
        }
    }

    private IReadOnlyList<InstalledComponent> RuntimeComponents()
    {
        var components = new List<InstalledComponent>();
        foreach (PackageRecord record in _packages.Service.Current.Packages)
        {
            string? kind = record.Source switch { "npm" => "npm", "pypi" => "PyPI", _ => null };
            if (kind is not null && record.InstalledVersion is { Length: > 0 } version)
            {
                components.Add(new InstalledComponent(record.Name, version, record.Name, version, kind));
            }
        }

        return components;
    }

    private static SecurityAuditResult ToWire(AuditReport report)
    {
        var packages = new (string, IReadOnlyList<Vulnerability>)[report.Packages.Count];
        for (int i = 0; i < packages.Length; i++)
        {
            (string package, IReadOnlyList<Finding> findings) = report.Packages[i];
            var list = new Vulnerability[findings.Count];
            for (int j = 0; j < list.Length; j++)
            {
                Finding f = findings[j];
                string summary = f.Undetermined ? "[undetermined] " + f.Advisory.Summary : f.Advisory.Summary;
                list[j] = new Vulnerability(f.Advisory.Id, summary, f.Score is { } score ? (float)score : null)
                {
                    Aliases = f.Advisory.Aliases,
                    InstalledVersion = f.InstalledVersion,
                    FixedVersion = f.FixedVersion,
                    SourcePackage = f.SourcePackage,
                    Ecosystem = f.Ecosystem,
                    Severity = f.Severity,
                };
            }

            packages[i] = (package, list);
        }

        return new SecurityAuditResult((ulong)report.Total, (ulong)report.High, packages);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "audit: {Line}")]
    private partial void LogAudit(string line);
}
