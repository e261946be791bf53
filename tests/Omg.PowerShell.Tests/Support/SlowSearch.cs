using Omg.Daemon.Handlers;
using Omg.Protocol.Messages;

namespace Omg.PowerShell.Tests.Support;

/// <summary>
/// The real package backend, except that a search for <c>hang</c> outlasts any client's patience (2 s, bounded,
/// because omgd lets a handler run on after its client gave up and the host's stop would wait for it).
/// </summary>
internal sealed class SlowSearch(IPackageHandler inner) : IPackageHandler
{
    public async ValueTask<SearchResult> SearchAsync(string query, int limit, int offset, IReadOnlyList<string>? sources, bool installedOnly, CancellationToken cancellationToken)
    {
        if (query == "hang")
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        return await inner.SearchAsync(query, limit, offset, sources, installedOnly, cancellationToken);
    }

    public ValueTask<DetailedPackageInfo> InfoAsync(string package, CancellationToken cancellationToken) => inner.InfoAsync(package, cancellationToken);

    public ValueTask<IReadOnlyList<string>> SuggestAsync(string query, int limit, CancellationToken cancellationToken) => inner.SuggestAsync(query, limit, cancellationToken);

    public ValueTask<StatusResult> StatusAsync(CancellationToken cancellationToken) => inner.StatusAsync(cancellationToken);

    public ValueTask<IReadOnlyList<RuntimeInfo>> RuntimesAsync(CancellationToken cancellationToken) => inner.RuntimesAsync(cancellationToken);
}
