using System.Runtime.CompilerServices;

namespace Omg.Packages.Debian;

/// <summary>
/// Everything dpkg and apt know under one root, read once, with the questions apt answers from it.
/// Disposing returns the pooled list buffers, after which <see cref="Records"/> must not be called.
/// </summary>
internal sealed class DebianDatabase : IDisposable
{
    private readonly ListsReader _lists;
    private readonly IReadOnlyList<ListFile> _listFiles;
    private readonly AptConfig _config;
    private readonly string? _runningUname;
    private readonly Dictionary<string, InstalledPackage> _foreignInstalled = new(StringComparer.Ordinal);

    private DebianDatabase(DebianArchitectures archs, Dictionary<string, InstalledPackage> installed, ListsReader lists, IReadOnlyList<ListFile> listFiles, AptConfig config, List<string> problems, string? runningUname)
    {
        _runningUname = runningUname;
        foreach (var package in installed.Values)
        {
            if (package.Key != package.Name)
            {
                _foreignInstalled.TryAdd(package.Name, package);
            }
        }

        Architectures = archs;
        Installed = installed;
        _lists = lists;
        _listFiles = listFiles;
        _config = config;
        Problems = problems;
    }

    /// <summary>Native and foreign architectures.</summary>
    public DebianArchitectures Architectures { get; }

    /// <summary>Installed packages by apt's full name.</summary>
    public Dictionary<string, InstalledPackage> Installed { get; }

    /// <summary>Available packages by apt's full name.</summary>
    public Dictionary<string, AvailablePackage> Available => _lists.Available;

    /// <summary>What was skipped and why.</summary>
    public List<string> Problems { get; }

    /// <summary>The root's pinning.</summary>
    public AptPreferences Preferences { get; private init; } = AptPreferences.None;

    /// <inheritdoc/>
    public void Dispose() => _lists.Dispose();

    /// <summary>Reads the database under <paramref name="root"/>; never throws for bad data.</summary>
    public static DebianDatabase Load(string root, CancellationToken cancellationToken)
    {
        var problems = new List<string>();

        // Finding and decompressing the lists (tens of MB) needs nothing from dpkg: it runs while the status
        // file is read, on a thread of its own. At this point of a build the pool's threads (one per core) are
        // taken by the sources' loads, and a decode queued there waited 60-130 ms for one, on the critical path
        // (docs/benchmarks.md). Should the load fail, the decoded buffers are simply left to the GC.
        var listProblems = new List<string>();
        var decoding = Task.Factory.StartNew(
            () =>
            {
                var files = ListFile.Discover(Path.Combine(root, "var/lib/apt/lists"), listProblems, AptSources.Load(root, listProblems));
                return (Files: files, Decoded: ListsReader.Decode(files, cancellationToken));
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var pool = new NamePool();
        var statusPath = Path.Combine(root, "var/lib/dpkg/status");
        var status = ReadOptional(statusPath, problems, required: true);
        var installedSpans = StatusReader.ReadInstalled(status, statusPath, problems);
        var archs = DebianArchitectures.Load(
            root,
            () => StatusReader.DpkgArchitecture(status, installedSpans),
            () => StatusReader.CommonestArchitecture(status, installedSpans),
            problems);
        var installed = StatusReader.Build(status, installedSpans, archs, pool, statusPath, problems);
        var extendedPath = Path.Combine(root, "var/lib/apt/extended_states");
        StatusReader.ApplyExtendedStates(ReadOptional(extendedPath, problems, required: false), extendedPath, installed, archs, problems);
        var config = AptConfig.Load(root, problems);
        var preferences = AptPreferences.Load(root, config, problems);
        var lists = new ListsReader(archs, preferences, problems);
        var (listFiles, decoded) = decoding.GetAwaiter().GetResult();

        // Problems with the lists were reported first when they were found before the status read; they still are.
        problems.InsertRange(0, listProblems);
        lists.ReadAll(listFiles, decoded, cancellationToken);
        // The booted kernel only means something for the running system.
        var runningUname = Path.GetFullPath(root) == "/" ? RunningUname() : null;
        return new DebianDatabase(archs, installed, lists, listFiles, config, problems, runningUname) { Preferences = preferences };
    }

    /// <summary>What <c>apt list --upgradable</c> lists: full names of installed packages whose candidate is newer, sorted.</summary>
    public List<string> Upgradable() => Installed.Values
        .Where(p => Candidate(p) is { } c && DebianVersion.Compare(c.Version, p.Version) > 0)
        .Select(p => p.Key)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>apt's candidate for an installed package; null when it is the installed version or there is none.</summary>
    public AvailableVersion? Candidate(InstalledPackage installed) =>
        CandidatePolicy.Select(Available.GetValueOrDefault(installed.Key), installed.Version, InstalledPin(installed));

    /// <summary>What <c>apt-cache policy</c> shows as the candidate of an installed package: a version, or null for "(none)".</summary>
    public string? CandidateVersion(InstalledPackage installed) =>
        CandidatePolicy.Choose(Available.GetValueOrDefault(installed.Key), installed.Version, InstalledPin(installed)) switch
        {
            ({ } version, _) => version.Version,
            (null, true) => installed.Version,
            _ => null,
        };

    // dpkg's status is one of the installed version's lists: records can pin it (a version record, or a release
    // record that matches it as the "now" archive).
    private (int Priority, int Order)? InstalledPin(InstalledPackage installed) => Preferences.HasSpecificPins
        ? Preferences.SpecificPin(installed.Name, installed.SourceName, installed.Architecture, Architectures.Native, installed.Version, ListFile.Status)
        : null;

    /// <summary>What <c>apt-mark showmanual</c> prints, sorted.</summary>
    public List<string> Manual() => Installed.Values.Where(p => !p.Auto).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>What <c>apt-get autoremove</c> would remove, sorted.</summary>
    public List<string> Orphans() => AutoRemoval.FindOrphans(Installed, Architectures, _config, _lists.Flagged, _runningUname);

    /// <summary>One record per package name; the native architecture's package is preferred.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PackageRecord[] Records(string source)
    {
        // One key per name: the native package's key is the bare name; a name known only for foreign
        // architectures keeps the first key seen, installed before available. Nearly every key is a bare name,
        // so those are taken as they come and only the few foreign ones go through a dictionary (a dictionary
        // of all 64k names was 30-40 ms of serial work in every build).
        var keys = new List<KeyValuePair<string, string>>(Available.Count + Installed.Count);
        foreach (var package in Available.Values)
        {
            if (package.Key == package.Name)
            {
                keys.Add(new(package.Name, package.Key));
            }
        }

        Dictionary<string, string>? takenLater = null;
        foreach (var package in Installed.Values)
        {
            if (package.Key == package.Name ? !Available.ContainsKey(package.Key) : !HasNativeKey(package.Name))
            {
                AddOnce(package.Name, package.Key);
            }
        }

        foreach (var package in Available.Values)
        {
            if (package.Key != package.Name && !HasNativeKey(package.Name))
            {
                AddOnce(package.Name, package.Key);
            }
        }

        // Building records is most of a load's CPU time and independent per name, so it runs on all cores;
        // each worker thread interns names in its own pool (a few duplicate strings cost less than locking).
        var records = new PackageRecord[keys.Count];
        if (keys.Count == 0)
        {
            return records;
        }

        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, keys.Count, Math.Max(1024, keys.Count / (Environment.ProcessorCount * 4) + 1)),
            () => (Pool: new NamePool(), Scratch: new List<string>(), Arena: new ByteArena()),
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (range, _, local) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    records[i] = BuildRecord(keys[i].Key, keys[i].Value, source, local.Pool, local.Scratch, local.Arena);
                }

                return local;
            },
            _ => { });
        return records;

        bool HasNativeKey(string name) => Installed.ContainsKey(name) || Available.ContainsKey(name);

        void AddOnce(string name, string key)
        {
            takenLater ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (takenLater.TryAdd(name, key))
            {
                keys.Add(new(name, key));
            }
        }
    }

    // Called per token/record through a cold daemon's first build: compiled optimized at once, since the
    // build would otherwise run mostly tier-0 code (measured: 14 % less build CPU, docs/benchmarks.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PackageRecord BuildRecord(string name, string key, string source, NamePool pool, List<string> scratch, ByteArena arena)
    {
        // A name installed only for a foreign architecture still shows as installed on the native record.
        var installed = Installed.GetValueOrDefault(key) ?? (_foreignInstalled.TryGetValue(name, out var foreign) ? foreign : null);
        var candidate = CandidatePolicy.Select(Available.GetValueOrDefault(key), installed?.Version, installed is null ? null : InstalledPin(installed))
                        ?? CandidatePolicy.Highest(Available.GetValueOrDefault(key));
        RecordFields fields;
        string arch;
        if (candidate is { } c && (installed is null || c.Version != installed.Version))
        {
            var spans = c.Spans;
            fields = RecordFields.From(_lists.Buffers[c.ListIndex]!.Span, spans, pool, scratch, arena, keepMd5: _lists.Translations.Count > 0);
            arch = c.Architecture;
        }
        else
        {
            fields = installed!.Fields;
            arch = installed.Architecture;

            // dpkg's status has no Size; a list entry of the installed version has (what a reinstall downloads).
            if (candidate is { } same && _lists.Buffers[same.ListIndex] is { } buffer)
            {
                var spans = same.Spans;
                fields = fields with { DownloadSize = RecordFields.DownloadSizeOf(buffer.Span, spans) };
            }
        }

        var longDescription = fields.LongDescription ?? Translated(fields.DescriptionMd5);
        return new PackageRecord(
            name,
            source,
            installed?.Version,
            candidate?.Version,
            fields.Description,
            longDescription,
            fields.Provides,
            arch,
            fields.Homepage,
            fields.InstalledSize,
            fields.DownloadSize,
            candidate is { } chosen ? _listFiles[chosen.ListIndex].Repo : "installed",
            fields.Depends,
            installed?.State ?? string.Empty);
    }

    private string? Translated(string? md5)
    {
        if (md5 is null || !_lists.Translations.TryGetValue(md5, out var at) || _lists.Buffers[at.Buffer] is not { } buffer)
        {
            return null;
        }

        return Deb822Text.ExtendedText(buffer.Span.Slice(at.Start, at.Length));
    }

    private static string? RunningUname()
    {
        try
        {
            // /proc/sys/kernel/osrelease is uname -r without a process or P/Invoke.
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim() is { Length: > 0 } release ? release : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static byte[] ReadOptional(string path, List<string> problems, bool required)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            if (required)
            {
                problems.Add($"{path}: missing");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: unreadable ({e.Message})");
        }

        return [];
    }
}
