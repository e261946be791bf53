using Omg.Daemon.Handlers;
using Omg.Protocol;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Tests.Support;

/// <summary>
/// A package handler whose behaviour the query chooses, to drive the dispatcher's paths: <c>slow:MS</c>
/// answers after MS milliseconds, <c>big:N</c> answers with a description of N bytes, <c>throw</c> fails with a bug,
/// <c>hang</c> never answers; any other query is echoed back as a single hit. Info knows only <c>vim</c>.
/// </summary>
internal sealed class ScriptedPackageHandler : IPackageHandler
{
    private int _concurrent;
    private int _maxConcurrent;
    private int _searches;

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    /// <summary>Searches started so far.</summary>
    public int Searches => Volatile.Read(ref _searches);

    public async ValueTask<SearchResult> SearchAsync(string query, int limit, int offset, IReadOnlyList<string>? sources, bool installedOnly, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _searches);
        int now = Interlocked.Increment(ref _concurrent);
        InterlockedMax(ref _maxConcurrent, now);
        try
        {
            if (query.StartsWith("slow:", StringComparison.Ordinal))
            {
                await Task.Delay(int.Parse(query[5..], System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            }
            else if (query == "throw")
            {
                throw new InvalidOperationException("scripted bug");
            }
            else if (query == "hang")
            {
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
            }

            else if (query.StartsWith("big:", StringComparison.Ordinal))
            {
                return new SearchResult([new PackageInfo("big", "1.0", new string('b', int.Parse(query[4..], System.Globalization.CultureInfo.InvariantCulture)), "apt")], 1);
            }

            return new SearchResult([new PackageInfo(query, "1.0", $"limit {limit}" + (sources is null ? string.Empty : $" sources {string.Join(',', sources)}") + (installedOnly ? " installed" : string.Empty), "apt")], 1);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    public ValueTask<DetailedPackageInfo> InfoAsync(string package, CancellationToken cancellationToken) =>
        package == "vim"
            ? ValueTask.FromResult(new DetailedPackageInfo { Name = "vim", Version = "2:9.0", Description = "editor", Source = "apt" })
            : throw new RequestFailedException(ErrorCodes.PackageNotFound, $"package '{package}' not found");

    public ValueTask<IReadOnlyList<string>> SuggestAsync(string query, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([query + "1", query + "2"]);

    public ValueTask<StatusResult> StatusAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new StatusResult { TotalPackages = 3, RuntimeVersions = [("python", "3.11")] });

    public ValueTask<IReadOnlyList<RuntimeInfo>> RuntimesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<RuntimeInfo>>([]);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
