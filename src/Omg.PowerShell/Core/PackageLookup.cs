using Omg.Client;
using Omg.Protocol;
using Omg.Protocol.Messages;

namespace Omg.PowerShell;

/// <summary>
/// The work behind <c>Get-OmgPackage</c>: wildcards become names through Search and Suggest, all names go
/// out as one Batch of Info requests, and the answers become output objects or per-name errors.
/// </summary>
public sealed class PackageLookup
{
    /// <summary>Search hits per page when expanding a wildcard (the daemon's maximum); pages continue to the total.</summary>
    public const ulong WildcardSearchLimit = 1000;

    /// <summary>Suggestions considered when expanding a wildcard (the daemon's maximum).</summary>
    public const ulong WildcardSuggestLimit = 50;

    /// <summary>Suggestions shown for a missing package.</summary>
    public const ulong NotFoundSuggestionLimit = 5;

    private readonly OmgClient _client;
    private readonly Func<string, Predicate<string>> _matcher;

    /// <summary>Creates a lookup over <paramref name="client"/>.</summary>
    /// <param name="client">The connection to omgd.</param>
    /// <param name="matcher">Makes a name test from a wildcard pattern; the cmdlets pass PowerShell's WildcardPattern.</param>
    public PackageLookup(OmgClient client, Func<string, Predicate<string>> matcher)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _matcher = matcher ?? throw new ArgumentNullException(nameof(matcher));
    }

    /// <summary>
    /// The most packages one wildcard expands to, or null for every match. A wildcard with more matches keeps the
    /// first ones by name and is listed in <see cref="Truncated"/>.
    /// </summary>
    public int? WildcardLimit { get; init; }

    /// <summary>The wildcards the last <see cref="GetAsync"/> cut to <see cref="WildcardLimit"/>, with their match counts.</summary>
    public IReadOnlyList<(string Pattern, int Matches)> Truncated => _truncated;

    private readonly List<(string Pattern, int Matches)> _truncated = [];

    /// <summary>Every package name <paramref name="pattern"/> matches, sorted; empty when none.</summary>
    /// <exception cref="ArgumentException">The pattern has no literal character to search for.</exception>
    /// <exception cref="OmgRequestException">The daemon refused the Search.</exception>
    public async Task<IReadOnlyList<string>> ExpandAsync(string pattern, CancellationToken cancellationToken)
    {
        string literal = WildcardName.LongestLiteral(pattern);
        if (literal.Length == 0)
        {
            // A search for nothing is refused by the daemon, and listing every package is not what a name is for.
            throw new ArgumentException($"The wildcard '{pattern}' has no literal character to search for; add part of the name, for example 'ssl*'.", nameof(pattern));
        }

        // Suggest adds close names a search for the literal misses (the wildcard's other parts may differ); both in
        // one round trip. Then the search's later pages, until every match of the literal has been seen: a pattern
        // like lib* matches tens of thousands of packages, and a single page once cut them at 1,000 silently.
        IReadOnlyList<Response> answers = await _client.BatchAsync(
            [new SearchRequest(1, literal, WildcardSearchLimit), new SuggestRequest(2, literal, WildcardSuggestLimit)],
            cancellationToken).ConfigureAwait(false);
        var names = new SortedSet<string>(FilterCandidates(pattern, answers), StringComparer.Ordinal);
        SearchResult? first = answers[0] is SuccessResponse { Result: SearchResult result } ? result : null;
        ulong total = first?.Total ?? 0;
        Predicate<string> matches = _matcher(pattern);
        for (ulong offset = WildcardSearchLimit; offset < total; offset += WildcardSearchLimit)
        {
            SearchResult page = await _client.SearchAsync(literal, WildcardSearchLimit, null, installedOnly: false, offset, cancellationToken).ConfigureAwait(false);
            // An empty page: the index shrank between pages. The first page again: an omgd older than the offset
            // field, which can give no more than that page.
            if (page.Packages.Count == 0 || page.Packages[0].Name == first!.Packages[0].Name)
            {
                break;
            }

            foreach (PackageInfo package in page.Packages)
            {
                if (matches(package.Name))
                {
                    names.Add(package.Name);
                }
            }
        }

        return [.. names];
    }

    /// <summary>The names in a Search and a Suggest answer that <paramref name="pattern"/> matches, sorted and unique.</summary>
    /// <exception cref="OmgRequestException">The Search answer is an error.</exception>
    public IReadOnlyList<string> FilterCandidates(string pattern, IReadOnlyList<Response> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        Predicate<string> matches = _matcher(pattern);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Response answer in answers)
        {
            IEnumerable<string> candidates = answer switch
            {
                SuccessResponse { Result: SearchResult search } => search.Packages.Select(p => p.Name),
                SuccessResponse { Result: SuggestResult suggest } => suggest.Names,
                ErrorResponse { Id: 1 } error => throw new OmgRequestException("Search", error),
                // Suggestions only widen the net; without them the search hits still count.
                _ => [],
            };
            foreach (string name in candidates)
            {
                if (matches(name))
                {
                    names.Add(name);
                }
            }
        }

        return [.. names];
    }

    /// <summary>Info requests for <paramref name="names"/>, numbered from 1 in order.</summary>
    public static IReadOnlyList<Request> InfoBatch(IReadOnlyList<string> names) =>
        names.Select((name, i) => (Request)new InfoRequest((ulong)i + 1, name)).ToArray();

    /// <summary>Pairs each name with its Info answer.</summary>
    public static IReadOnlyList<LookupItem> Interpret(IReadOnlyList<string> names, IReadOnlyList<Response> answers)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count != names.Count)
        {
            throw new InvalidDataException($"omgd answered {names.Count} Info requests with {answers.Count} responses");
        }

        var items = new LookupItem[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            items[i] = answers[i] switch
            {
                SuccessResponse { Result: DetailedPackageInfo info } => new LookupItem(names[i], OutputMapper.ToPackageDetail(info), null, []),
                SuccessResponse other => new LookupItem(names[i], null, new InvalidDataException($"omgd answered Info with a {other.Result.Variant} result"), []),
                ErrorResponse error => new LookupItem(names[i], null, new OmgRequestException("Info", error), []),
                _ => new LookupItem(names[i], null, new InvalidDataException("unexpected response type"), []),
            };
        }

        return items;
    }

    /// <summary>
    /// Looks up <paramref name="names"/>: wildcards are expanded (and vanish when they match nothing),
    /// duplicates are dropped, and missing literal names carry the daemon's suggestions. A wildcard that
    /// cannot be expanded (no literal text, a refused Search) becomes an item with its error, so that the
    /// other names are still looked up.
    /// </summary>
    /// <exception cref="OmgDaemonUnavailableException">omgd cannot be reached.</exception>
    /// <exception cref="OmgRequestException">The Batch itself was refused.</exception>
    public async Task<IReadOnlyList<LookupItem>> GetAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        _truncated.Clear();
        var literal = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var failedPatterns = new List<LookupItem>();
        foreach (string name in names)
        {
            bool wildcard = WildcardName.ContainsWildcard(name);
            IReadOnlyList<string> resolved;
            try
            {
                resolved = wildcard ? Cap(name, await ExpandAsync(name, cancellationToken).ConfigureAwait(false)) : [Unescape(name)];
            }
            catch (Exception ex) when (ex is ArgumentException or OmgRequestException)
            {
                failedPatterns.Add(new LookupItem(name, null, ex, []));
                continue;
            }

            foreach (string match in resolved)
            {
                if (!wildcard)
                {
                    literal.Add(match);
                }

                if (seen.Add(match))
                {
                    ordered.Add(match);
                }
            }
        }

        if (ordered.Count == 0)
        {
            return failedPatterns;
        }

        IReadOnlyList<Response> answers = await _client.BatchAsync(InfoBatch(ordered), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LookupItem> items = Interpret(ordered, answers);

        // A wildcard match that vanished between Search and Info is no error: the wildcard stays silent.
        var kept = items.Where(item => !item.IsNotFound || literal.Contains(item.Name)).ToList();
        IReadOnlyList<LookupItem> found = await AddSuggestionsAsync(kept, cancellationToken).ConfigureAwait(false);
        return [.. failedPatterns, .. found];
    }

    private IReadOnlyList<string> Cap(string pattern, IReadOnlyList<string> names)
    {
        if (WildcardLimit is not { } limit || names.Count <= limit)
        {
            return names;
        }

        _truncated.Add((pattern, names.Count));
        return names.Take(limit).ToArray();
    }

    /// <summary>Asks, in one Batch, for suggestions for every missing package in <paramref name="items"/>.</summary>
    private async Task<IReadOnlyList<LookupItem>> AddSuggestionsAsync(List<LookupItem> items, CancellationToken cancellationToken)
    {
        var missing = items.Select((item, i) => (item, i)).Where(x => x.item.IsNotFound).ToList();
        if (missing.Count == 0)
        {
            return items;
        }

        Request[] requests = missing.Select((m, i) => (Request)new SuggestRequest((ulong)i + 1, m.item.Name, NotFoundSuggestionLimit)).ToArray();
        IReadOnlyList<Response> answers;
        try
        {
            answers = await _client.BatchAsync(requests, cancellationToken).ConfigureAwait(false);
        }
        catch (OmgRequestException)
        {
            // Suggestions decorate the error; without them the error still says what is missing.
            return items;
        }

        for (int i = 0; i < missing.Count; i++)
        {
            if (answers[i] is SuccessResponse { Result: SuggestResult suggest })
            {
                items[missing[i].i] = missing[i].item with { Suggestions = suggest.Names };
            }
        }

        return items;
    }

    /// <summary>A literal name with PowerShell's backtick escapes removed.</summary>
    private static string Unescape(string name) => name.Contains('`', StringComparison.Ordinal) ? WildcardName.LongestLiteral(name) : name;
}
