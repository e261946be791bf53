using Omg.Daemon.Tests.Support;
using Omg.Protocol;
using Omg.Protocol.Messages;
using Xunit;

namespace Omg.Daemon.Tests.Metrics;

/// <summary>Client-chosen variant names must not grow the daemon's metrics (issue 19).</summary>
public sealed class UnknownVariantMetricsTests
{
    [Fact]
    public async Task Unknown_variants_in_batches_are_counted_under_one_key()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        for (int batch = 0; batch < 3; batch++)
        {
            Request[] items = Enumerable.Range(0, 100).Select(i => (Request)new UnknownRequest((ulong)i + 1, $"Made{batch}_{i}_" + new string('x', 1000))).ToArray();
            var answer = Assert.IsType<SuccessResponse>(await connection.CallAsync(new BatchRequest(1000 + (ulong)batch, items)));
            Assert.All(Assert.IsType<BatchResult>(answer.Result).Responses, r => Assert.Equal(ErrorCodes.MethodNotFound, Assert.IsType<ErrorResponse>(r).Code));
        }

        var metrics = Assert.IsType<MetricsResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new MetricsRequest(2000))).Result);
        Assert.DoesNotContain(metrics.Requests, r => r.Name.StartsWith("Made", StringComparison.Ordinal));
        Assert.Equal(300UL, Assert.Single(metrics.Requests, r => r.Name == "Unknown").Count);
        Assert.True(metrics.Requests.Count <= 20, $"{metrics.Requests.Count} request types: {string.Join(", ", metrics.Requests.Select(r => r.Name))}");
    }
}
