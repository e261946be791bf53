using Omg.Daemon.Tests.Support;
using Omg.Protocol;
using Omg.Protocol.Messages;
using Xunit;

namespace Omg.Daemon.Tests.Limits;

/// <summary>
/// A request's rate-limit cost follows the work it asks for (issue 19: a Batch of 100 Searches of limit 1000 cost 100
/// tokens, four times per second per connection, while each returned 11.7 MB for 0.7 to 3.6 s of CPU).
/// </summary>
public sealed class RequestCostTests
{
    [Fact]
    public async Task A_batch_of_large_searches_costs_by_their_limit()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        BatchRequest Heavy(ulong id) => new(id, Enumerable.Range(0, 100).Select(i => (Request)new SearchRequest((ulong)i, "vim", 1000)).ToArray());

        // Admitted from a full bucket, then the bucket is in debt for the rest: the next one must wait.
        Assert.IsType<SuccessResponse>(await connection.CallAsync(Heavy(1)));
        var refused = Assert.IsType<ErrorResponse>(await connection.CallAsync(Heavy(2)));
        Assert.Equal(ErrorCodes.RateLimited, refused.Code);
        Assert.Contains("retry after", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searches_of_the_default_limit_still_cost_one_token_each()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        for (ulong b = 0; b < 3; b++)
        {
            var batch = new BatchRequest(b + 1, Enumerable.Range(0, 100).Select(i => (Request)new SearchRequest((ulong)i, "vim")).ToArray());
            Assert.IsType<SuccessResponse>(await connection.CallAsync(batch));
        }
    }
}
