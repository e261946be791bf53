using Omg.Audit.Matching;
using Omg.Audit.Sources;
using Omg.Audit.Store;

namespace Omg.Audit;

/// <summary>
/// The audit: the loaded advisory database (from the store at start, replaced source by source on
/// import), and the latest audit report, recomputed only when the advisories or the installed packages change.
/// </summary>
public sealed class AuditService : IDisposable
{
    private readonly AuditServiceOptions _options;
    private readonly Action<string> _log;
    private readonly AdvisoryStore _store;
    private readonly AdvisoryDownloader _downloader;
    private readonly SemaphoreSlim _importGate = new(1, 1);
    private readonly Lock _reportGate = new();
    private readonly TaskCompletionSource _storeLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AdvisoryDatabase _database = AdvisoryDatabase.Empty;
    private (long Database, long Index, AuditReport Report)? _report;
    private int _recomputing;

    /// <summary>Creates the service; nothing is read until <see cref="LoadStoreAsync"/>.</summary>
    /// <param name="options">Root, store and sources.</param>
    /// <param name="log">Receives one line per loaded, skipped or imported source.</param>
    public AuditService(AuditServiceOptions options, Action<string>? log = null)
    {
        _options = options;
        _log = log ?? (_ => { });
        _store = new AdvisoryStore(options.StoreDirectory);
        _downloader = new AdvisoryDownloader(options.DownloadTimeout, options.MaxDownloadBytes);
    }

    /// <summary>The loaded advisories.</summary>
    public AdvisoryDatabase Database => Volatile.Read(ref _database);

    /// <summary>The store.</summary>
    public AdvisoryStore Store => _store;

    /// <summary>Completes when the store has been read at start.</summary>
    public Task StoreLoaded => _storeLoaded.Task;

    /// <summary>Reads every stored source; a corrupt one is logged and skipped, the rest serve.</summary>
    public async Task LoadStoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Run(LoadStore, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _storeLoaded.TrySetResult();
        }
    }

    private void LoadStore()
    {
        _store.RemoveStaleStaging();
        var sets = new List<AdvisorySet>();
        foreach ((StoredSource? source, string dataPath) in _store.List())
        {
            string origin = source?.Origin ?? dataPath;
            try
            {
                AdvisorySet set = SourceReader.Read(dataPath, origin, KeepRelease());
                sets.Add(set);
                _log($"advisories: loaded {origin} from the store: {set.Advisories} advisories for {set.Packages} packages");
            }
            catch (AdvisoryImportException ex)
            {
                _log($"advisories: store file {dataPath} skipped: {ex.Message}");
            }
        }

        lock (_reportGate)
        {
            // An import may have finished while the store was read; its data is newer.
            AdvisoryDatabase current = _database;
            AdvisoryDatabase loaded = AdvisoryDatabase.From(sets.Where(s => !current.Sources.ContainsKey(s.Origin)).Concat(current.Sources.Values), current.Generation + 1);
            Volatile.Write(ref _database, loaded);
        }
    }

    /// <summary>Imports <paramref name="source"/> (a path or http(s) URL), or every default source when null.</summary>
    /// <exception cref="AdvisoryImportException">A source is invalid or unreachable; the data loaded before stays.</exception>
    public async Task<IReadOnlyList<ImportResult>> ImportAsync(string? source, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sources = source is null ? _options.DefaultSources : [source];
        if (sources.Count == 0)
        {
            throw new AdvisoryImportException("no source given and no default advisory sources are configured (Audit:Sources)");
        }

        var results = new List<ImportResult>(sources.Count);
        foreach (string one in sources)
        {
            results.Add(await ImportOneAsync(one, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<ImportResult> ImportOneAsync(string source, CancellationToken cancellationToken)
    {
        await _storeLoaded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _importGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            bool url = AdvisoryDownloader.IsUrl(source);
            string origin = url ? source : Path.GetFullPath(source);
            string staging;
            string? etag = null, lastModified = null;
            if (url)
            {
                StoredSource? previous = Database.Sources.ContainsKey(origin) ? _store.Find(origin) : null;
                staging = _store.StagingPath(origin);
                DownloadOutcome outcome = await _downloader.DownloadAsync(origin, staging, previous?.ETag, previous?.LastModified, cancellationToken).ConfigureAwait(false);
                if (outcome.NotModified && previous is not null && Database.Sources.TryGetValue(origin, out AdvisorySet? held))
                {
                    _store.Touch(previous with { ETag = outcome.ETag, LastModified = outcome.LastModified });
                    _log($"advisories: {origin} not modified");
                    return new ImportResult(origin, held.Advisories, held.Packages, true);
                }

                if (outcome.NotModified)
                {
                    throw new AdvisoryImportException($"{origin}: the server answered 304 Not Modified to a request that held no copy");
                }

                (etag, lastModified) = (outcome.ETag, outcome.LastModified);
            }
            else
            {
                if (!File.Exists(origin) && !Directory.Exists(origin))
                {
                    throw new AdvisoryImportException($"{origin}: no such file or directory");
                }

                staging = await Task.Run(() => Storing(() => _store.Stage(origin, origin)), cancellationToken).ConfigureAwait(false);
            }

            try
            {
                AdvisorySet set = await Task.Run(() => SourceReader.Read(staging, origin, KeepRelease()), cancellationToken).ConfigureAwait(false);
                Storing(() => _store.Commit(staging, new StoredSource(origin, etag, lastModified, DateTimeOffset.UtcNow)));
                lock (_reportGate)
                {
                    Volatile.Write(ref _database, _database.With(set));
                }

                _log($"advisories: imported {origin}: {set.Advisories} advisories for {set.Packages} packages");
                return new ImportResult(origin, set.Advisories, set.Packages, false);
            }
            finally
            {
                File.Delete(staging);
            }
        }
        finally
        {
            _importGate.Release();
        }
    }

    // A full or read-only data directory refuses the import like a bad source does, naming the reason, and what was
    // loaded before stays in use; as a bare IOException it reached the client as an internal error.
    private T Storing<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AdvisoryImportException($"cannot store advisories in {_store.Directory}: {ex.Message}", ex);
        }
    }

    private void Storing(Action write) => Storing(() =>
    {
        write();
        return true;
    });

    // Tracker entries of other releases can never match this root; not keeping them saves most of the memory.
    // A root without a codename keeps every release, so nothing is lost when os-release appears later.
    private Func<string, bool>? KeepRelease()
    {
        string codename = OsRelease.Read(_options.Root).Codename;
        return codename.Length == 0 ? null : release => release.Equals(codename, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The audit of the root's dpkg packages and <paramref name="runtimePackages"/> against the loaded
    /// advisories, computed once per (advisories, package index) generation pair; null when nothing is loaded.
    /// </summary>
    /// <param name="indexGeneration">The package index's generation: a new one means the installed set changed.</param>
    /// <param name="runtimePackages">npm and PyPI packages installed (from the package index).</param>
    public AuditReport? Audit(long indexGeneration, Func<IReadOnlyList<InstalledComponent>> runtimePackages)
    {
        AdvisoryDatabase database = Database;
        if (!database.IsLoaded)
        {
            return null;
        }

        lock (_reportGate)
        {
            if (_report is { } cached && cached.Database == database.Generation && cached.Index == indexGeneration)
            {
                return cached.Report;
            }

            var components = new List<InstalledComponent>(DpkgStatusReader.Read(_options.Root));
            components.AddRange(runtimePackages());
            AuditReport report = AuditMatcher.Match(database, OsRelease.Read(_options.Root), components);
            _report = (database.Generation, indexGeneration, report);
            return report;
        }
    }

    /// <summary>
    /// The latest report without computing on the caller's thread: when the data changed since, a
    /// recomputation starts in the background and the previous report answers meanwhile. Null before the first.
    /// </summary>
    public AuditReport? Latest(long indexGeneration, Func<IReadOnlyList<InstalledComponent>> runtimePackages)
    {
        AdvisoryDatabase database = Database;
        if (!database.IsLoaded)
        {
            return null;
        }

        var cached = _report;
        if (cached is { } c && c.Database == database.Generation && c.Index == indexGeneration)
        {
            return c.Report;
        }

        if (Interlocked.Exchange(ref _recomputing, 1) == 0)
        {
            _ = Task.Run(() =>
            {
                try
                {
                    Audit(indexGeneration, runtimePackages);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    _log($"audit: could not read the installed packages: {ex.Message}");
                }
                finally
                {
                    Volatile.Write(ref _recomputing, 0);
                }
            });
        }

        return cached?.Report;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _downloader.Dispose();
        _importGate.Dispose();
    }
}
