using Omg.Protocol.Messages;

namespace Omg.Daemon.Handlers;

/// <summary>
/// Answers the package requests (Search, Info, Suggest, Status, Runtimes). Arguments arrive validated.
/// Throw <see cref="RequestFailedException"/> for answers such as PACKAGE_NOT_FOUND.
/// </summary>
public interface IPackageHandler
{
    /// <summary>
    /// Searches packages; <paramref name="limit"/> is 1..1000; <paramref name="sources"/> (null for all) are
    /// source names or <c>*</c>/<c>?</c> patterns and <paramref name="installedOnly"/> keeps installed packages
    /// only, both applied before the limit and the total; <paramref name="offset"/> ranked matches are skipped before
    /// the page of at most <paramref name="limit"/> starts.
    /// </summary>
    ValueTask<SearchResult> SearchAsync(string query, int limit, int offset, IReadOnlyList<string>? sources, bool installedOnly, CancellationToken cancellationToken);

    /// <summary>Details of one package, or PACKAGE_NOT_FOUND with suggestions in the message.</summary>
    ValueTask<DetailedPackageInfo> InfoAsync(string package, CancellationToken cancellationToken);

    /// <summary>Fuzzy name suggestions; <paramref name="limit"/> is 1..50.</summary>
    ValueTask<IReadOnlyList<string>> SuggestAsync(string query, int limit, CancellationToken cancellationToken);

    /// <summary>The system's package vital signs (the vulnerability fields are filled in by the dispatcher).</summary>
    ValueTask<StatusResult> StatusAsync(CancellationToken cancellationToken);

    /// <summary>Installed language runtimes.</summary>
    ValueTask<IReadOnlyList<RuntimeInfo>> RuntimesAsync(CancellationToken cancellationToken);
}
