using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Omg.Packages.Index;

/// <summary>
/// An immutable snapshot of every package of every source, with search, lookup and suggestion.
/// Safe for any number of concurrent readers. Build one with the constructor (for benchmarks and
/// tests) or let <see cref="PackageIndexService"/> keep one fresh.
/// </summary>
public sealed class PackageIndex
{
    // Below this many documents the text index is tokenized on one thread (fixtures, tests).
    private const int ParallelTextThreshold = 8192;

    private readonly PackageRecord[] _docs;
    private readonly string[] _lowerNames;
    private readonly string[][] _lowerProvides;
    private readonly Vocabulary _vocabulary;
    private readonly Postings _text;
    private readonly Postings _names;
    private readonly Dictionary<string, (int Start, int Count)> _byName;
    private readonly Dictionary<string, (int Start, int Count)> _byMixedCaseName;
    private readonly NameSuggester _suggester;
    private readonly SourceSets _sources;
    private readonly ulong[] _installed;

    /// <summary>Builds the index from what the sources loaded.</summary>
    /// <param name="results">One load result per source. Within a source only the first record of a name counts.</param>
    /// <param name="runtimes">Detected language runtimes, carried for status requests.</param>
    public PackageIndex(IEnumerable<SourceLoadResult> results, IReadOnlyList<RuntimeInfo> runtimes)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(runtimes);
        var started = Stopwatch.GetTimestamp();
        var loaded = results.ToArray();
        Runtimes = runtimes;
        Counts = loaded.Select(r => r.Counts).FirstOrDefault(c => c is not null);
        Problems = loaded.SelectMany(r => r.Problems).ToArray();

        _docs = Collect(loaded);
        _lowerNames = new string[_docs.Length];
        _lowerProvides = new string[_docs.Length][];
        var docs = _docs;
        var lowerNames = _lowerNames;
        var lowerProvides = _lowerProvides;

        // Serial, this was 30 ms of a build with one core idle; small indexes stay one chunk.
        var chunk = Math.Max(ParallelTextThreshold, (docs.Length / Environment.ProcessorCount) + 1);
        Parallel.For(0, (docs.Length + chunk - 1) / chunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (c) =>
        {
            for (var i = c * chunk; i < Math.Min((c + 1) * chunk, docs.Length); i++)
            {
                lowerNames[i] = docs[i].Name.ToLowerInvariant();
                lowerProvides[i] = LowerAll(docs[i].Provides);
            }
        });

        // Tokenizing is the longest step of the text index and splits evenly, so both cores tokenize first.
        // What follows (joining the halves, the gram table, the postings) is partly serial, and the name
        // structures are serial throughout: they are built beside that tail. Built beside the tokenizing
        // instead, they made three tasks for two cores and left one core idle during the tail.
        var (first, second) = Tokenize(_docs);
        (Vocabulary, Postings, Postings)? text = null;
        (Dictionary<string, (int, int)>, Dictionary<string, (int, int)>)? groups = null;
        NameSuggester? suggester = null;
        Parallel.Invoke(
            () =>
            {
                if (second is not null)
                {
                    first.Append(second);
                }

                text = first.Build();
            },
            () =>
            {
                groups = GroupByName(_docs, _lowerNames);
                suggester = BuildSuggester(_docs, _lowerNames);
            });
        (_vocabulary, _text, _names) = text!.Value;
        (_byName, _byMixedCaseName) = groups!.Value;
        _suggester = suggester!;
        _sources = SourceSets.Build(_docs);
        _installed = InstalledSet(_docs);
        BuiltAt = DateTimeOffset.UtcNow;
        BuildDuration = Stopwatch.GetElapsedTime(started);
    }

    /// <summary>An index with no package, for before the first build completes.</summary>
    public static PackageIndex Empty { get; } = new([], []);

    /// <summary>Every package, ordered by name (ordinal), <c>apt</c> first among equal names.</summary>
    public IReadOnlyList<PackageRecord> Packages => _docs;

    /// <summary>Counts reported by the source that owns the system package manager; null when none did.</summary>
    public SystemCounts? Counts { get; }

    /// <summary>What the sources skipped and why.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Detected language runtimes.</summary>
    public IReadOnlyList<RuntimeInfo> Runtimes { get; }

    /// <summary>When the snapshot was built.</summary>
    public DateTimeOffset BuiltAt { get; }

    /// <summary>How long building the snapshot took (sources not included).</summary>
    public TimeSpan BuildDuration { get; }

    /// <summary>
    /// Searches like <c>apt-cache search</c> with plain words: every whitespace-separated word must occur,
    /// case-insensitively and literally, in the name, a provided name or the description (short or long).
    /// Ranked by the best <see cref="MatchKind"/> of any word, then by name (ordinal).
    /// </summary>
    /// <param name="query">The words; an empty or blank query matches nothing.</param>
    /// <param name="limit">How many packages to return at most; the total is counted regardless.</param>
    /// <param name="sources">
    /// Only packages of the sources these patterns match (names, <c>*</c> and <c>?</c>, ignoring case); null for
    /// all. Applied before ranking, so the limit and the total count only those sources.
    /// </param>
    /// <param name="installedOnly">Only installed packages (<see cref="PackageRecord.IsInstalled"/>), applied like <paramref name="sources"/>.</param>
    public PackageSearchResult Search(string query, int limit, IReadOnlyList<string>? sources = null, bool installedOnly = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = query.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || _docs.Length == 0)
        {
            return PackageSearchResult.None;
        }

        var length = (_docs.Length + 63) >> 6;
        var tokens = new List<int>();
        var rented = ArrayPool<ulong>.Shared.Rent(length * (sources is null ? 3 : 4));
        try
        {
            var all = rented.AsSpan(0, length);
            var word = rented.AsSpan(length, length);
            var named = rented.AsSpan(length * 2, length);
            named.Clear();
            for (var w = 0; w < words.Length; w++)
            {
                var target = w == 0 ? all : word;
                target.Clear();
                tokens.Clear();
                _vocabulary.Match(words[w], tokens);
                _text.Or(tokens, target);
                _names.Or(tokens, named);
                if (w > 0)
                {
                    BitsetAnd(all, word);
                }
            }

            if (sources is not null)
            {
                var mask = rented.AsSpan(length * 3, length);
                _sources.Mask(sources, mask);
                BitsetAnd(all, mask);
            }

            if (installedOnly)
            {
                BitsetAnd(all, _installed);
            }

            BitsetAnd(named, all);
            var total = PopCount(all);
            if (total == 0 || limit <= 0)
            {
                return new PackageSearchResult([], total);
            }

            // A later page asks for every match up to its end; no more than the matches need ranking space.
            return new PackageSearchResult(TopHits(words, all, named, Math.Min(limit, total)), total);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    private PackageRecord[] TopHits(string[] words, ReadOnlySpan<ulong> all, ReadOnlySpan<ulong> named, int limit)
    {
        // Ties break by name, which is the index order, so each rank needs only its first `limit`
        // packages in bitset order: one pass into per-rank buckets, no sort. Description-only
        // matches come last, also in index order.
        var rankCount = (int)MatchKind.Description;
        var buckets = ArrayPool<int>.Shared.Rent(rankCount * limit);
        Span<int> counts = stackalloc int[rankCount];
        counts.Clear();
        try
        {
            foreach (var doc in SetBits(named))
            {
                var best = MatchKind.Description;
                foreach (var w in words)
                {
                    var kind = NameRanker.Rank(_lowerNames[doc], _lowerProvides[doc], w);
                    best = kind < best ? kind : best;
                }

                var rank = (int)best;
                if (rank < rankCount && counts[rank] < limit)
                {
                    buckets[(rank * limit) + counts[rank]++] = doc;
                }
            }

            var hits = new List<PackageRecord>(Math.Min(limit, PopCount(all)));
            for (var rank = 0; rank < rankCount; rank++)
            {
                for (var b = 0; b < counts[rank] && hits.Count < limit; b++)
                {
                    hits.Add(_docs[buckets[(rank * limit) + b]]);
                }
            }

            foreach (var doc in SetBits(all))
            {
                if (hits.Count == limit)
                {
                    break;
                }

                if ((named[doc >> 6] & (1UL << doc)) == 0)
                {
                    hits.Add(_docs[doc]);
                }
            }

            return [.. hits];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buckets);
        }
    }

    /// <summary>
    /// The packages named exactly <paramref name="name"/>, <c>apt</c> first, then other sources in load
    /// order. An exact (ordinal) match wins; otherwise the name is matched ignoring case (PyPI and npm
    /// names are not always lower case). <c>source:name</c> forms are not parsed: Debian uses
    /// <c>name:arch</c> for something else.
    /// </summary>
    public IReadOnlyList<PackageRecord> Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out var group))
        {
            return new ArraySegment<PackageRecord>(_docs, group.Start, group.Count);
        }

        var lower = name.ToLowerInvariant();
        if (_byName.TryGetValue(lower, out group) || _byMixedCaseName.TryGetValue(lower, out group))
        {
            return new ArraySegment<PackageRecord>(_docs, group.Start, group.Count);
        }

        return Array.Empty<PackageRecord>();
    }

    /// <summary>
    /// Package names for completion and "did you mean": names starting with the query first, then
    /// names whose closest prefix is within a few typos (optimal string alignment distance, bound
    /// growing with the query: 0 up to 2 characters, 1 up to 6, 2 up to 10, then 3), ranked by that
    /// distance, then whole-name distance, installed first, shorter first, name. The bound is raised
    /// from 0 one step at a time and the first bound that fills <paramref name="limit"/> names wins.
    /// </summary>
    public IReadOnlyList<string> Suggest(string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _suggester.Suggest(query, limit);
    }

    /// <summary>Size figures of the inverted indexes, for diagnostics and benchmarks.</summary>
    public string DescribeIndex() =>
        $"{_docs.Length} packages, {_vocabulary.Count} tokens, {_text.Count} text postings, {_names.Count} name postings";

    // Two halves of the documents are tokenized side by side (the second is appended to the first later, a
    // few ms); small indexes stay on one thread.
    private static (TextIndexBuilder First, TextIndexBuilder? Second) Tokenize(PackageRecord[] docs)
    {
        if (docs.Length < ParallelTextThreshold || Environment.ProcessorCount < 2)
        {
            return (Tokenize(docs, 0, docs.Length), null);
        }

        var half = docs.Length / 2;
        TextIndexBuilder? first = null, second = null;
        Parallel.Invoke(() => first = Tokenize(docs, 0, half), () => second = Tokenize(docs, half, docs.Length));
        return (first!, second);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TextIndexBuilder Tokenize(PackageRecord[] docs, int from, int to)
    {
        var builder = new TextIndexBuilder(to - from);
        for (var i = from; i < to; i++)
        {
            var p = docs[i];
            builder.BeginDocument();
            builder.AddName(p.Name);
            foreach (var provided in p.Provides)
            {
                builder.AddName(provided);
            }

            builder.AddText(p.Description);
            builder.AddText(p.LongDescription);
        }

        return builder;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PackageRecord[] Collect(SourceLoadResult[] loaded)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal) { ["apt"] = -1 };
        var all = new List<PackageRecord>();
        var ranks = new List<int>();
        foreach (var result in loaded)
        {
            foreach (var p in result.Packages)
            {
                if (!order.TryGetValue(p.Source, out var rank))
                {
                    order.Add(p.Source, rank = order.Count);
                }

                all.Add(p);
                ranks.Add(rank);
            }
        }

        var names = new string[all.Count];
        var index = new int[all.Count];
        for (var i = 0; i < index.Length; i++)
        {
            names[i] = all[i].Name;
            index[i] = i;
        }

        NameOrder.Sort(names, index);

        // Equal names sit together; order each run by source rank, then load order (the sort is not
        // stable), and keep one record per (source, name).
        var docs = new List<PackageRecord>(all.Count);
        for (var i = 0; i < index.Length;)
        {
            var j = i + 1;
            while (j < index.Length && string.Equals(names[j], names[i], StringComparison.Ordinal))
            {
                j++;
            }

            var run = index.AsSpan(i, j - i);
            if (run.Length > 1)
            {
                run.Sort((a, b) => ranks[a] != ranks[b] ? ranks[a].CompareTo(ranks[b]) : a.CompareTo(b));
            }

            for (var r = 0; r < run.Length; r++)
            {
                if (r == 0 || ranks[run[r]] != ranks[run[r - 1]])
                {
                    docs.Add(all[run[r]]);
                }
            }

            i = j;
        }

        return [.. docs];
    }

    private static string[] LowerAll(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return [];
        }

        var lower = new string[names.Count];
        for (var i = 0; i < lower.Length; i++)
        {
            lower[i] = names[i].ToLowerInvariant();
        }

        return lower;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (Dictionary<string, (int, int)>, Dictionary<string, (int, int)>) GroupByName(PackageRecord[] docs, string[] lowerNames)
    {
        // Equal names are adjacent. Only names with upper-case letters (PyPI, npm) need the
        // case-insensitive map, keyed by the lower-cased name; the first spelling wins.
        var exact = new Dictionary<string, (int, int)>(docs.Length, StringComparer.Ordinal);
        var mixed = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < docs.Length;)
        {
            var j = i + 1;
            while (j < docs.Length && docs[j].Name == docs[i].Name)
            {
                j++;
            }

            exact[docs[i].Name] = (i, j - i);
            if (!ReferenceEquals(lowerNames[i], docs[i].Name) && lowerNames[i] != docs[i].Name)
            {
                mixed.TryAdd(lowerNames[i], (i, j - i));
            }

            i = j;
        }

        return (exact, mixed);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NameSuggester BuildSuggester(PackageRecord[] docs, string[] lowerNames)
    {
        var order = Enumerable.Range(0, docs.Length).ToArray();
        if (!IsSorted(lowerNames))
        {
            // Only mixed-case names (npm, PyPI) can make the lower-cased order differ from the name order.
            var keys = (string[])lowerNames.Clone();
            Array.Sort(keys, order, StringComparer.Ordinal);
        }

        var lower = new List<string>(docs.Length);
        var display = new List<string>(docs.Length);
        var installed = new List<bool>(docs.Length);
        foreach (var i in order)
        {
            if (lower.Count > 0 && lower[^1] == lowerNames[i])
            {
                installed[^1] |= docs[i].IsInstalled;
                if (docs[i].Source == "apt")
                {
                    // The system package's spelling wins over a PyPI or npm one.
                    display[^1] = docs[i].Name;
                }

                continue;
            }

            lower.Add(lowerNames[i]);
            display.Add(docs[i].Name);
            installed.Add(docs[i].IsInstalled);
        }

        return new NameSuggester([.. lower], [.. display], [.. installed]);
    }

    private static bool IsSorted(string[] names)
    {
        for (var i = 1; i < names.Length; i++)
        {
            if (string.CompareOrdinal(names[i - 1], names[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    // The installed documents as a bitset over the index order, for searches limited to them.
    private static ulong[] InstalledSet(PackageRecord[] docs)
    {
        var bits = new ulong[(docs.Length + 63) >> 6];
        for (var doc = 0; doc < docs.Length; doc++)
        {
            if (docs[doc].IsInstalled)
            {
                bits[doc >> 6] |= 1UL << doc;
            }
        }

        return bits;
    }

    private static void BitsetAnd(Span<ulong> target, ReadOnlySpan<ulong> other)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] &= other[i];
        }
    }

    private static int PopCount(ReadOnlySpan<ulong> bits)
    {
        var n = 0;
        foreach (var b in bits)
        {
            n += BitOperations.PopCount(b);
        }

        return n;
    }

    private static SetBitEnumerable SetBits(ReadOnlySpan<ulong> bits) => new(bits);
}
