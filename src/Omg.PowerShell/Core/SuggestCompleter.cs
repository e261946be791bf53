using System.Collections.Concurrent;
using System.Diagnostics;
using Omg.Client;

namespace Omg.PowerShell;

/// <summary>
/// Package names for tab completion, from the daemon's Suggest. Completion runs while the user waits at
/// the prompt, so an answer is given within a short timeout or not at all, is cached briefly, and no
/// failure ever escapes: a completer that throws breaks the prompt, not just the completion.
/// </summary>
public sealed class SuggestCompleter
{
    /// <summary>How long the prompt waits for the daemon.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(300);

    /// <summary>How long an answer is reused.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Answers kept at most; the oldest go first.</summary>
    public const int CacheSize = 64;

    /// <summary>Suggestions asked for.</summary>
    public const ulong SuggestLimit = 20;

    private readonly Func<string?, string, CancellationToken, Task<IReadOnlyList<string>>> _fetch;
    private readonly ConcurrentDictionary<(string Socket, string Word), (long Stamp, IReadOnlyList<string> Names)> _cache = new();

    /// <summary>Creates a completer over <paramref name="fetch"/> (socket or null, word, cancellation → names).</summary>
    public SuggestCompleter(Func<string?, string, CancellationToken, Task<IReadOnlyList<string>>> fetch, TimeSpan? timeout = null)
    {
        _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
        Timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>The completer the cmdlets' parameters use: asks omgd, never starts it.</summary>
    public static SuggestCompleter Shared { get; } = new(FetchFromDaemonAsync);

    /// <summary>How long <see cref="Complete"/> waits.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Names completing <paramref name="word"/> (quotes stripped), prefix matches first; empty on any failure.</summary>
    public IReadOnlyList<string> Complete(string? socket, string? word)
    {
        try
        {
            string trimmed = (word ?? string.Empty).Trim().Trim('\'', '"');
            if (trimmed.Length == 0 || WildcardName.ContainsWildcard(trimmed))
            {
                return [];
            }

            var key = (socket ?? string.Empty, trimmed);
            long now = Stopwatch.GetTimestamp();
            if (_cache.TryGetValue(key, out var hit) && Stopwatch.GetElapsedTime(hit.Stamp) < CacheLifetime)
            {
                return hit.Names;
            }

            using var cts = new CancellationTokenSource(Timeout);
            Task<IReadOnlyList<string>> fetch = _fetch(socket, trimmed, cts.Token);
            if (!fetch.Wait(Timeout))
            {
                cts.Cancel();
                // Observe the late failure so it never surfaces as an unobserved task exception.
                _ = fetch.ContinueWith(t => t.Exception, TaskScheduler.Default);
                return [];
            }

            IReadOnlyList<string> names = Order(trimmed, fetch.Result);
            Remember(key, now, names);
            return names;
        }
        catch (Exception)
        {
            // Anything at all: the prompt must keep working without completions.
            return [];
        }
    }

    /// <summary>Names starting with <paramref name="word"/> (any case) first, the others after, each group in the daemon's order.</summary>
    public static IReadOnlyList<string> Order(string word, IReadOnlyList<string> names) =>
        names.Distinct(StringComparer.Ordinal)
            .OrderBy(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ToArray();

    private void Remember((string, string) key, long stamp, IReadOnlyList<string> names)
    {
        if (_cache.Count >= CacheSize)
        {
            // Snapshot under the dictionary's locks: LINQ over the live dictionary can overrun when completions race.
            var entries = _cache.ToArray();
            foreach (var old in entries.OrderBy(e => e.Value.Stamp).Take(entries.Length - CacheSize + 1))
            {
                _cache.TryRemove(old.Key, out _);
            }
        }

        _cache[key] = (stamp, names);
    }

    private static async Task<IReadOnlyList<string>> FetchFromDaemonAsync(string? socket, string word, CancellationToken cancellationToken)
    {
        // Starting omgd takes longer than a keypress may; completion only asks a daemon that runs.
        var options = new OmgClientOptions { SocketPath = socket, AutoStart = false, ConnectTimeout = DefaultTimeout, RequestTimeout = DefaultTimeout, RateLimitRetries = 0 };
        await using var client = new OmgClient(options);
        return await client.SuggestAsync(word, SuggestLimit, cancellationToken).ConfigureAwait(false);
    }
}
