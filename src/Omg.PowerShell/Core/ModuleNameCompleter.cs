using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Language;
using Omg.Client;

namespace Omg.PowerShell;

/// <summary>
/// Completes module-name parameters from omgd's module index (Modules). Like <see cref="SuggestCompleter"/>, it
/// waits for the daemon only briefly, never starts one, reuses an answer for a while and never throws.
/// </summary>
public sealed class ModuleNameCompleter : IArgumentCompleter
{
    private static readonly ConcurrentDictionary<string, (long Stamp, IReadOnlyList<string> Names)> Cache = new();

    /// <summary>Completions for <paramref name="wordToComplete"/>, using the command's <c>-Socket</c> when given.</summary>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? socket = fakeBoundParameters?["Socket"] as string;
        return Complete(socket, wordToComplete, FetchFromDaemonAsync)
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name))
            .ToArray();
    }

    /// <summary>
    /// The module names <paramref name="word"/> (quotes stripped; may hold wildcards) matches as a prefix, or anywhere when
    /// no name starts with it; empty on any failure or when <paramref name="fetch"/> is not done within
    /// <see cref="SuggestCompleter.DefaultTimeout"/>.
    /// </summary>
    public static IReadOnlyList<string> Complete(string? socket, string? word, Func<string?, CancellationToken, Task<IReadOnlyList<string>>> fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        try
        {
            string trimmed = (word ?? string.Empty).Trim().Trim('\'', '"');
            IReadOnlyList<string>? names = Names(socket ?? string.Empty, fetch);
            if (names is null)
            {
                return [];
            }

            var pattern = new WildcardPattern(trimmed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            string[] prefixed = [.. names.Where(pattern.IsMatch)];
            if (prefixed.Length > 0 || trimmed.Length == 0)
            {
                return prefixed;
            }

            var anywhere = new WildcardPattern("*" + trimmed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return [.. names.Where(anywhere.IsMatch)];
        }
        catch (Exception)
        {
            // Anything at all: the prompt must keep working without completions.
            return [];
        }
    }

    private static IReadOnlyList<string>? Names(string socket, Func<string?, CancellationToken, Task<IReadOnlyList<string>>> fetch)
    {
        if (Cache.TryGetValue(socket, out var hit) && Stopwatch.GetElapsedTime(hit.Stamp) < SuggestCompleter.CacheLifetime)
        {
            return hit.Names;
        }

        long now = Stopwatch.GetTimestamp();
        using var cts = new CancellationTokenSource(SuggestCompleter.DefaultTimeout);
        Task<IReadOnlyList<string>> fetching = fetch(socket.Length == 0 ? null : socket, cts.Token);
        if (!fetching.Wait(SuggestCompleter.DefaultTimeout))
        {
            cts.Cancel();
            // Observe the late failure so it never surfaces as an unobserved task exception.
            _ = fetching.ContinueWith(t => t.Exception, TaskScheduler.Default);
            return null;
        }

        Cache[socket] = (now, fetching.Result);
        return fetching.Result;
    }

    private static async Task<IReadOnlyList<string>> FetchFromDaemonAsync(string? socket, CancellationToken cancellationToken)
    {
        // Starting omgd takes longer than a keypress may; completion only asks a daemon that runs.
        var options = new OmgClientOptions { SocketPath = socket, AutoStart = false, ConnectTimeout = SuggestCompleter.DefaultTimeout, RequestTimeout = SuggestCompleter.DefaultTimeout, RateLimitRetries = 0 };
        await using var client = new OmgClient(options);
        return [.. (await client.ModulesAsync(cancellationToken).ConfigureAwait(false)).Select(m => m.Name)];
    }
}
