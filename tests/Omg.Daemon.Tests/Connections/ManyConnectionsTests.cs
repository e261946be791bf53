using System.Buffers.Binary;
using Omg.Daemon.Tests.Support;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Tests.Connections;

/// <summary>
/// The load benchmark's shape at CI size, for correctness only (issue 19, item 3; timings and RSS are the benchmark's,
/// <c>bench load</c> in docs/benchmarks.md): 200 connections at once, each pipelining 20 requests, every one answered
/// with its own id, while slow-loris, idle and never-reading clients hold connections of their own.
/// </summary>
public sealed class ManyConnectionsTests
{
    private const string Unlimited = "10000000";

    [Fact]
    public async Task Two_hundred_connections_pipelining_twenty_requests_each_all_get_every_answer_beside_hostile_clients()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(
            true,
            "--Limits:MaxConnections=400",
            "--Limits:MaxConnectionsPerProcess=0",
            "--Limits:ConnectionRate=" + Unlimited,
            "--Limits:ConnectionBurst=" + Unlimited,
            "--Limits:UidRate=" + Unlimited,
            "--Limits:UidBurst=" + Unlimited);

        var hostile = new List<RawConnection>();
        for (int i = 0; i < 10; i++)
        {
            hostile.Add(await daemon.ConnectAsync()); // idle
            RawConnection loris = await daemon.ConnectAsync();
            byte[] started = new byte[6];
            BinaryPrimitives.WriteUInt32BigEndian(started, 1000);
            await loris.SendBytesAsync(started); // a frame begun and never finished
            hostile.Add(loris);
            RawConnection deaf = await daemon.ConnectAsync();
            for (ulong id = 1; id <= 50; id++)
            {
                await deaf.SendAsync(new SearchRequest(id, "big:100000")); // answers it never reads
            }

            hostile.Add(deaf);
        }

        RawConnection[] loaded = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => daemon.ConnectAsync()));
        try
        {
            await Task.WhenAll(loaded.Select(async (connection, c) =>
            {
                for (ulong id = 1; id <= 20; id++)
                {
                    await connection.SendAsync(id % 2 == 0 ? new PingRequest(id) : new SearchRequest(id, $"pkg{c}"));
                }

                var ids = new HashSet<ulong>();
                for (int i = 0; i < 20; i++)
                {
                    Response answer = await connection.ReceiveAsync(timeoutMs: 60_000) ?? throw new IOException($"connection {c} closed after {i} answers");
                    Assert.IsType<SuccessResponse>(answer);
                    Assert.True(ids.Add(answer.Id), $"connection {c} got id {answer.Id} twice");
                }

                Assert.Equal(Enumerable.Range(1, 20).Select(i => (ulong)i), ids.Order());
            }));

            // A normal client is still served, and omgd counts every connection it holds.
            await using RawConnection normal = await daemon.ConnectAsync();
            Assert.IsType<SuccessResponse>(await normal.CallAsync(new SearchRequest(1, "vim")));
            var metrics = (MetricsResult)((SuccessResponse)await normal.CallAsync(new MetricsRequest(2))).Result;
            Assert.Equal(231UL, metrics.ActiveConnections);
            Assert.Equal(0UL, metrics.RejectedConnections);
        }
        finally
        {
            foreach (RawConnection connection in loaded.Concat(hostile))
            {
                await connection.DisposeAsync();
            }
        }
    }
}
