using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omg.Daemon.Handlers;
using Omg.Daemon.Metrics;
using Omg.Packages;
using Omg.Packages.Debian;
using Omg.Packages.Index;
using Omg.Packages.Runtimes;
using Omg.Protocol;
using Omg.Protocol.Messages;
using IndexedRuntime = Omg.Packages.RuntimeInfo;
using WireRuntime = Omg.Protocol.Messages.RuntimeInfo;

namespace Omg.Daemon.Packages;

/// <summary>
/// The package handler: answers from the current <see cref="PackageIndex"/> snapshot, which the index
/// service rebuilds in the background when dpkg, apt, npm or Python change their files. Requests only
/// wait for the very first build (bounded); afterwards they never wait on a rebuild.
/// </summary>
public sealed partial class PackageBackend : IPackageHandler, IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan FirstBuildWait = TimeSpan.FromSeconds(15);

    private readonly PackageIndexService _service;
    private readonly Dictionary<string, IPackageSource> _sources;
    private readonly ILogger<PackageBackend> _logger;
    private readonly IdleCompaction _compaction;
    private readonly CancellationTokenSource _stopping = new();

    // Copyright files are read once per installed version, not on every Info.
    private readonly ConcurrentDictionary<(string Source, string Name, string? Version), IReadOnlyList<string>> _licenses = new();

    private HashSet<string> _loggedProblems = new(StringComparer.Ordinal);

    /// <summary>Creates the backend over the configured root (<c>--root</c>).</summary>
    public PackageBackend(IOptions<DaemonOptions> options, DaemonMetrics metrics, ILogger<PackageBackend> logger)
    {
        _logger = logger;
        _compaction = new IdleCompaction(() => metrics.LastRequestTick, ReturnBuildGarbage);
        string root = string.IsNullOrEmpty(options.Value.Root) ? "/" : options.Value.Root;
        var runtimeOptions = new RuntimeDetectorOptions { Root = root };
        IPackageSource[] sources =
        [
            new DebianPackageSource(root),
            new NpmGlobalPackageSource(runtimeOptions),
            new PythonDistributionSource(runtimeOptions),
        ];
        _sources = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var serviceOptions = new PackageIndexServiceOptions
        {
            Published = index =>
            {
                LogNewProblems(index.Problems);
                _compaction.Schedule(_stopping.Token);
            },
        };
        _service = new PackageIndexService(sources, new RuntimeDetector(runtimeOptions), serviceOptions, line => LogIndex(line));
        Root = root;
    }

    /// <summary>The filesystem root being indexed.</summary>
    public string Root { get; }

    /// <summary>The index service, for diagnostics and tests.</summary>
    public PackageIndexService Service => _service;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _service.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // The host disposes this twice (as itself and as a hosted service): cancelling twice is harmless,
        // and a source with no timer needs no Dispose.
        _stopping.Cancel();
        return _service.DisposeAsync();
    }

    /// <inheritdoc />
    public ValueTask<SearchResult> SearchAsync(string query, int limit, int offset, IReadOnlyList<string>? sources, bool installedOnly, CancellationToken cancellationToken)
    {
        if (TryCurrent(out PackageIndex? index))
        {
            return new ValueTask<SearchResult>(Search(index, query, limit, offset, sources, installedOnly));
        }

        return SearchLaterAsync(query, limit, offset, sources, installedOnly, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<DetailedPackageInfo> InfoAsync(string package, CancellationToken cancellationToken)
    {
        if (TryCurrent(out PackageIndex? index))
        {
            return new ValueTask<DetailedPackageInfo>(Info(index, package));
        }

        return InfoLaterAsync(package, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> SuggestAsync(string query, int limit, CancellationToken cancellationToken) =>
        (TryCurrent(out PackageIndex? index) ? index : await FirstBuildAsync(cancellationToken).ConfigureAwait(false)).Suggest(query, limit);

    /// <inheritdoc />
    public async ValueTask<StatusResult> StatusAsync(CancellationToken cancellationToken)
    {
        PackageIndex index = TryCurrent(out PackageIndex? current) ? current : await FirstBuildAsync(cancellationToken).ConfigureAwait(false);
        SystemCounts counts = index.Counts ?? new SystemCounts(0, 0, 0, 0);
        return new StatusResult
        {
            TotalPackages = (ulong)counts.TotalPackages,
            ExplicitPackages = (ulong)counts.ExplicitPackages,
            OrphanPackages = (ulong)counts.OrphanPackages,
            UpdatesAvailable = (ulong)counts.UpdatesAvailable,
            RuntimeVersions = index.Runtimes.Select(r => (r.Name, r.Version)).ToArray(),
            Problems = index.Problems,
            Upgradable = counts.Upgradable,
            Orphans = counts.Orphans,
        };
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<WireRuntime>> RuntimesAsync(CancellationToken cancellationToken)
    {
        PackageIndex index = TryCurrent(out PackageIndex? current) ? current : await FirstBuildAsync(cancellationToken).ConfigureAwait(false);
        return index.Runtimes.Select(ToWire).ToArray();
    }

    private static SearchResult Search(PackageIndex index, string query, int limit, int offset, IReadOnlyList<string>? sources, bool installedOnly)
    {
        // The index ranks the first offset + limit matches and the page is the tail: ranking needs the pages before
        // it anyway, and a page past the end is empty with the true total, as a client reading all pages expects.
        PackageSearchResult found = index.Search(query, (int)Math.Min((long)offset + limit, int.MaxValue), sources, installedOnly);
        int skip = Math.Min(offset, found.Packages.Count);
        var packages = new PackageInfo[found.Packages.Count - skip];
        for (int i = 0; i < packages.Length; i++)
        {
            PackageRecord record = found.Packages[skip + i];
            packages[i] = new PackageInfo(record.Name, record.Version, record.Description, record.Source, record.IsInstalled);
        }

        return new SearchResult(packages, (ulong)found.Total);
    }

    private DetailedPackageInfo Info(PackageIndex index, string package)
    {
        IReadOnlyList<PackageRecord> found = index.Find(package);
        if (found.Count == 0 && package.IndexOf(':', StringComparison.Ordinal) is > 0 and int colon)
        {
            // dpkg's name:arch form; the index keys records by name.
            found = index.Find(package[..colon]);
        }

        if (found.Count == 0)
        {
            IReadOnlyList<string> close = index.Suggest(package, 5);
            string hint = close.Count == 0 ? string.Empty : "; did you mean " + string.Join(", ", close) + "?";
            throw new RequestFailedException(ErrorCodes.PackageNotFound, $"package '{package}' not found{hint}");
        }

        PackageRecord record = found[0];
        IReadOnlyList<string> licenses = _sources.TryGetValue(record.Source, out IPackageSource? source) && record.IsInstalled
            ? _licenses.GetOrAdd((record.Source, record.Name, record.InstalledVersion), _ => source.ReadLicenses(record))
            : [];
        return new DetailedPackageInfo
        {
            Name = record.Name,
            Version = record.Version,
            Description = string.IsNullOrEmpty(record.LongDescription) ? record.Description : record.Description + "\n" + record.LongDescription,
            Url = record.Homepage,
            Size = (ulong)Math.Max(0, record.InstalledSize),
            DownloadSize = (ulong)Math.Max(0, record.DownloadSize),
            Repo = record.Repo,
            Depends = record.Depends,
            Licenses = licenses,
            Source = record.Source,
            InstalledVersion = record.InstalledVersion,
            CandidateVersion = record.CandidateVersion,
            Architecture = record.Architecture,
        };
    }

    // A build allocates several times the index's final size; a compacting collection after the swap
    // (once omgd is idle, IdleCompaction) hands that memory back to the system instead of keeping it as idle heap.
    private void ReturnBuildGarbage()
    {
        long before = Environment.WorkingSet;
        TimeSpan paused = GC.GetTotalPauseDuration();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        LogIndex($"build garbage collected: resident {before >> 20} -> {Environment.WorkingSet >> 20} MiB, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms");
    }

    private static WireRuntime ToWire(IndexedRuntime runtime) =>
        new(runtime.Name, runtime.Version, runtime.Path, runtime.Manager, runtime.IsDefault);

    private bool TryCurrent([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PackageIndex? index)
    {
        if (_service.Ready.IsCompletedSuccessfully)
        {
            index = _service.Current;
            return true;
        }

        index = null;
        return false;
    }

    private async ValueTask<SearchResult> SearchLaterAsync(string query, int limit, int offset, IReadOnlyList<string>? sources, bool installedOnly, CancellationToken cancellationToken) =>
        Search(await FirstBuildAsync(cancellationToken).ConfigureAwait(false), query, limit, offset, sources, installedOnly);

    private async ValueTask<DetailedPackageInfo> InfoLaterAsync(string package, CancellationToken cancellationToken) =>
        Info(await FirstBuildAsync(cancellationToken).ConfigureAwait(false), package);

    // Only the first build is waited for; answering from an empty index would claim there are no packages.
    private async Task<PackageIndex> FirstBuildAsync(CancellationToken cancellationToken)
    {
        _service.Start();
        PackageIndex index = await _service.GetAsync(FirstBuildWait, cancellationToken).ConfigureAwait(false);
        if (!_service.Ready.IsCompletedSuccessfully)
        {
            throw new RequestFailedException(ErrorCodes.InternalError, $"the package index of {Root} is still being built; retry in a moment");
        }

        return index;
    }

    // Every skipped file or paragraph is logged once, when a build first meets it (docs/operations.md says so);
    // Status keeps listing it in problems for as long as it lasts, and a rebuild does not repeat the warning.
    private void LogNewProblems(IReadOnlyList<string> problems)
    {
        var current = new HashSet<string>(problems, StringComparer.Ordinal);
        foreach (string problem in problems)
        {
            if (!_loggedProblems.Contains(problem))
            {
                LogProblem(problem);
            }
        }

        _loggedProblems = current;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "package data skipped: {Problem}")]
    private partial void LogProblem(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "package index: {Line}")]
    private partial void LogIndex(string line);
}
