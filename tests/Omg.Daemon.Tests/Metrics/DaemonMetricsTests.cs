using Omg.Daemon.Metrics;
using Omg.Protocol.Messages;
using Xunit;

namespace Omg.Daemon.Tests.Metrics;

public sealed class DaemonMetricsTests
{
    [Fact]
    public async Task Snapshot_while_new_request_types_arrive_never_throws()
    {
        // A Metrics request used to race the first request of another type (LINQ sized its buffer from the
        // dictionary's count, then the dictionary grew): the client saw INTERNAL_ERROR.
        for (int round = 0; round < 200; round++)
        {
            var metrics = new DaemonMetrics();
            using var go = new ManualResetEventSlim();
            Task writer = Task.Run(() =>
            {
                go.Wait();
                for (int i = 0; i < 64; i++)
                {
                    metrics.RecordRequest("Variant" + i, TimeSpan.FromMicroseconds(10 + i), failed: false);
                }
            });
            go.Set();
            while (!writer.IsCompleted)
            {
                MetricsResult snapshot = metrics.Snapshot("test");
                Assert.True(snapshot.Requests.Count <= 64);
            }

            await writer;
            Assert.Equal(64, metrics.Snapshot("test").Requests.Count);
        }
    }

    [Fact]
    public void Snapshot_reports_counts_failures_and_sorted_types()
    {
        var metrics = new DaemonMetrics();
        metrics.RecordRequest("Search", TimeSpan.FromMicroseconds(100), failed: false);
        metrics.RecordRequest("Search", TimeSpan.FromMicroseconds(300), failed: true);
        metrics.RecordRequest("Info", TimeSpan.FromMicroseconds(50), failed: false);

        MetricsResult snapshot = metrics.Snapshot("1.0");

        Assert.Equal(new[] { "Info", "Search" }, snapshot.Requests.Select(r => r.Name));
        RequestMetrics search = snapshot.Requests[1];
        Assert.Equal(2UL, search.Count);
        Assert.Equal(1UL, search.Failures);
        Assert.InRange(search.P99Micros, 300UL, 400UL);
    }
}
