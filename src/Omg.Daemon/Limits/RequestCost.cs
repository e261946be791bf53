using Omg.Daemon.Dispatch;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Limits;

/// <summary>
/// Rate-limit tokens a request costs, following the work it asks for: a Search costs one token per
/// <see cref="ResultsPerToken"/> results of its limit (so the default limit costs one, the largest twenty), a Batch the
/// sum of its items, anything else one. A Batch of 100 Searches of limit 1000 cost 100 tokens by item count, four of
/// them a second per connection, while each returned 11.7 MB for 0.7 to 3.6 s of CPU (issue 19); it now costs 2,000.
/// </summary>
internal static class RequestCost
{
    /// <summary>Search results one token pays for: the default limit.</summary>
    public const int ResultsPerToken = RequestValidator.DefaultSearchLimit;

    /// <summary>The tokens <paramref name="request"/> costs; counted before validation, so an invalid one is paid for too.</summary>
    public static long Of(Request request) => request switch
    {
        SearchRequest search => SearchCost(search.Limit),
        BatchRequest batch => Math.Max(1, batch.Requests.Sum(Of)),
        _ => 1,
    };

    private static long SearchCost(ulong? limit)
    {
        ulong results = Math.Min(limit ?? RequestValidator.DefaultSearchLimit, RequestValidator.MaxSearchLimit);
        return Math.Max(1, (long)((results + ResultsPerToken - 1) / ResultsPerToken));
    }
}
