using System.Diagnostics;
using System.Threading.Channels;
using Omg.Packages.Runtimes;

namespace Omg.Packages.Index;

/// <summary>
/// Owns the current <see cref="PackageIndex"/> and keeps it fresh. After <see cref="Start"/>, a
/// background task loads every source, builds the index and publishes it atomically; then it watches
/// the sources' <see cref="IPackageSource.WatchPaths"/>, waits for <see cref="PackageIndexServiceOptions.Debounce"/>
/// of quiet after a change, reloads only the sources whose paths changed and publishes a new snapshot.
/// Readers always get the last published snapshot from <see cref="Current"/> and never wait on a
/// rebuild. Before the first build completes <see cref="Current"/> is <see cref="PackageIndex.Empty"/>;
/// callers that would rather wait use <see cref="GetAsync"/> with a timeout.
/// A source that throws is logged and its last good data kept (with a problem line saying so).
/// </summary>
public sealed class PackageIndexService : IDisposable, IAsyncDisposable
{
    private readonly IPackageSource[] _sources;
    private readonly IRuntimeDetector? _detector;
    private readonly PackageIndexServiceOptions _options;
    private readonly Action<string> _log;
    private readonly SourceLoadResult?[] _good;
    private readonly string?[] _failure;
    private readonly int[] _dirty;
    private readonly PathWatcher?[] _watchers;
    private readonly SemaphoreSlim _buildLock = new(1, 1);
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource<PackageIndex> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<RuntimeInfo> _runtimes = [];
    private PackageIndex _current = PackageIndex.Empty;
    private long _changeStamp;
    private long _generation;
    private Task _loop = Task.CompletedTask;
    private int _started;
    private int _disposed;

    /// <summary>Creates the service; nothing is loaded until <see cref="Start"/>.</summary>
    /// <param name="sources">The package sources, in priority order after <c>apt</c>.</param>
    /// <param name="runtimeDetector">Finds runtimes on every rebuild; null for none.</param>
    /// <param name="options">Debounce and watching; defaults when null.</param>
    /// <param name="log">Receives one line per rebuild, failure or watcher problem; ignored when null.</param>
    public PackageIndexService(IEnumerable<IPackageSource> sources, IRuntimeDetector? runtimeDetector,
        PackageIndexServiceOptions? options = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources.ToArray();
        _detector = runtimeDetector;
        _options = options ?? new PackageIndexServiceOptions();
        _log = log ?? (_ => { });
        _good = new SourceLoadResult?[_sources.Length];
        _failure = new string?[_sources.Length];
        _dirty = Enumerable.Repeat(1, _sources.Length).ToArray();
        _watchers = new PathWatcher?[_sources.Length];
    }

    /// <summary>The last published snapshot; <see cref="PackageIndex.Empty"/> before the first build. Never blocks.</summary>
    public PackageIndex Current => Volatile.Read(ref _current);

    /// <summary>Completes with the first snapshot; canceled if the service is disposed first.</summary>
    public Task<PackageIndex> Ready => _ready.Task;

    /// <summary>How many snapshots have been published.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Starts the first build and the watchers in the background. Calling it again does nothing.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>
    /// The first snapshot if it is ready within <paramref name="timeout"/>; otherwise whatever is
    /// current then (the empty index when the first build is still running).
    /// </summary>
    public async Task<PackageIndex> GetAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _ready.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Current;
        }
    }

    /// <summary>Reloads every source now (outside the debounce) and returns the new snapshot.</summary>
    public async Task<PackageIndex> RebuildAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        for (var i = 0; i < _dirty.Length; i++)
        {
            Volatile.Write(ref _dirty[i], 1);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        return await BuildAsync(linked.Token).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await BuildAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                await _changed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                long seen;
                do
                {
                    seen = Interlocked.Read(ref _changeStamp);
                    await Task.Delay(_options.Debounce, cancellationToken).ConfigureAwait(false);
                }
                while (seen != Interlocked.Read(ref _changeStamp));

                await BuildAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A bug in the index build must not kill the process; the last snapshot stays served.
            _log($"index service stopped: {e}");
        }
    }

    private async Task<PackageIndex> BuildAsync(CancellationToken cancellationToken)
    {
        await _buildLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long started = Stopwatch.GetTimestamp();
            TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
            long allocatedBefore = GC.GetTotalAllocatedBytes();
            TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            long methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            TimeSpan pausedBefore = GC.GetTotalPauseDuration();
            int collectionsBefore = GC.CollectionCount(0);
            var loads = new List<Task>();
            for (var i = 0; i < _sources.Length; i++)
            {
                if (Interlocked.Exchange(ref _dirty[i], 0) == 1)
                {
                    var source = i;

                    // Each source is watched before it is read, so a change during the read is not lost. The
                    // watch runs in the source's own task: finding a runtime source's directories is not free,
                    // and the big Debian load should not wait for it.
                    loads.Add(Task.Run(
                        () =>
                        {
                            Rewatch(source);
                            LoadSource(source, cancellationToken);
                        },
                        cancellationToken));
                }
            }

            // Runtime detection only reads small files; it runs beside the source loads rather than after
            // them, queued last so the big loads (sources come in priority order, apt first) start first.
            Task<IReadOnlyList<RuntimeInfo>>? detection = _detector is null ? null : Task.Run(DetectRuntimes, cancellationToken);
            await Task.WhenAll(loads).ConfigureAwait(false);
            TimeSpan loaded = Stopwatch.GetElapsedTime(started);
            if (detection is not null)
            {
                _runtimes = await detection.ConfigureAwait(false);
            }

            var results = Enumerable.Range(0, _sources.Length).Select(Effective).ToArray();
            var runtimes = _runtimes;
            var index = await Task.Run(() => new PackageIndex(results, runtimes), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, index);
            Interlocked.Increment(ref _generation);
            _ready.TrySetResult(index);
            _log($"index built in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms ({loaded.TotalMilliseconds:F0} ms loading sources, {index.BuildDuration.TotalMilliseconds:F0} ms indexing, {GC.CollectionCount(0) - collectionsBefore} GCs pausing {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:F0} ms, {(Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds:F0} ms CPU of which {(System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds:F0} ms JIT for {System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore} methods, {(GC.GetTotalAllocatedBytes() - allocatedBefore) >> 20} MiB allocated): {index.Packages.Count} packages, {loads.Count} source(s) reloaded");
            Compression.DecodeBuffers.ReleaseAll();
            _options.Published?.Invoke(index);
            return index;
        }
        finally
        {
            _buildLock.Release();
        }

        IReadOnlyList<RuntimeInfo> DetectRuntimes()
        {
            try
            {
                return _detector!.Detect(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log($"runtime detection failed, keeping the previous list: {e.Message}");
                return _runtimes;
            }
        }
    }

    private void LoadSource(int i, CancellationToken cancellationToken)
    {
        var name = _sources[i].Name;
        try
        {
            var result = _sources[i].Load(cancellationToken);
            _good[i] = result with { Problems = result.Problems.Select(p => $"{name}: {p}").ToArray() };
            _failure[i] = null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            _failure[i] = $"{name}: load failed, serving its previous data: {e.GetType().Name}: {e.Message}";
            _log(_failure[i]!);
        }
    }

    private SourceLoadResult Effective(int i)
    {
        var good = _good[i] ?? new SourceLoadResult([], [], null);
        return _failure[i] is { } failure ? good with { Problems = [.. good.Problems, failure] } : good;
    }

    private void Rewatch(int i)
    {
        // The new watches are in place before the old ones go, so no change falls between them (and a
        // directory watched by both keeps its one inotify watch).
        var previous = _watchers[i];
        _watchers[i] = _options.Watch
            ? new PathWatcher(_sources[i].WatchPaths, () => OnChanged(i), _log)
            : null;
        previous?.Dispose();
    }

    private void OnChanged(int i)
    {
        Volatile.Write(ref _dirty[i], 1);
        Interlocked.Increment(ref _changeStamp);
        _changed.Writer.TryWrite(true);
    }

    /// <summary>Stops the background task and the watchers and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _buildLock.WaitAsync().ConfigureAwait(false);
        foreach (var watcher in _watchers)
        {
            watcher?.Dispose();
        }

        _ready.TrySetCanceled();
        _stop.Dispose();
    }

    /// <summary>Stops the background task and the watchers (blocks until they stop).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
