using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Omg.Client;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;

namespace Omg.Benchmarks.Live;

/// <summary>
/// omgd transport speed: Ping round trip through <see cref="OmgClient"/> on one connection, and pipelined
/// Ping throughput over 1, 8 and 64 raw connections (a window of requests kept in flight per connection).
/// omgd runs without its package backend's work mattering: Ping never touches it.
/// </summary>
internal static class DaemonBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        await using OmgdProcess omgd = await OmgdProcess.StartAsync(
            "--Limits:ConnectionRate=10000000", "--Limits:ConnectionBurst=10000000", "--Limits:UidRate=10000000", "--Limits:UidBurst=10000000", "--Limits:MaxConnectionsPerProcess=0");
        Console.WriteLine($"omgd pid {omgd.Pid}, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");

        await using (OmgClient client = omgd.Client())
        {
            for (int i = 0; i < 5000; i++)
            {
                await client.PingAsync();
            }

            var latency = new Percentiles();
            var run = Stopwatch.StartNew();
            while (run.Elapsed.TotalSeconds < seconds)
            {
                long start = Stopwatch.GetTimestamp();
                await client.PingAsync();
                latency.Add(Stopwatch.GetElapsedTime(start));
            }

            Console.WriteLine($"Ping round trip (OmgClient, 1 connection, sequential): {latency.Describe()}");
        }

        foreach (int connections in new[] { 1, 8, 64 })
        {
            double rate = await ThroughputAsync(omgd.Socket, connections, window: 64, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"Ping throughput, {connections,2} connection(s), 64 in flight each: {rate,10:N0} requests/s");
        }

        // The same daemon, the same run: many clients each with a thousand calls in flight, every answer checked.
        double mixed = await PipelinedClients.RunAsync(omgd, clients: 100, perClient: 1000);
        Console.WriteLine($"100 OmgClients x 1,000 calls in flight (Ping and Suggest), every answer checked: {mixed,10:N0} requests/s");

        // Cross-check the client-side counts with what omgd itself says it answered.
        await using OmgClient check = omgd.Client();
        Omg.Protocol.Messages.MetricsResult metrics = await check.MetricsAsync();
        Omg.Protocol.Messages.RequestMetrics? pings = metrics.Requests.FirstOrDefault(r => r.Name == "Ping");
        Console.WriteLine($"omgd's own count: {pings?.Count:N0} Pings answered, daemon-side p50 {pings?.P50Micros} us, p99 {pings?.P99Micros} us");
        return 0;
    }

    private static async Task<double> ThroughputAsync(string socketPath, int connections, int window, TimeSpan duration)
    {
        long total = 0;
        using var stop = new CancellationTokenSource();
        Task[] workers = new Task[connections];
        for (int c = 0; c < connections; c++)
        {
            workers[c] = Task.Run(async () =>
            {
                using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
                await using var stream = new NetworkStream(socket);
                using FrameBuffer ping = FrameBuffer.For(new PingRequest(1));
                byte[] one = ping.Complete().ToArray();
                byte[] burst = Enumerable.Repeat(one, window).SelectMany(b => b).ToArray();
                await stream.WriteAsync(burst);
                int inFlight = window;
                byte[] buffer = new byte[64 * 1024];
                int have = 0;
                long answered = 0;
                while (true)
                {
                    int n = await stream.ReadAsync(buffer.AsMemory(have));
                    if (n == 0)
                    {
                        break;
                    }

                    have += n;
                    int offset = 0;
                    int frames = 0;
                    while (have - offset >= 4)
                    {
                        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(offset));
                        if (have - offset < 4 + length)
                        {
                            break;
                        }

                        offset += 4 + length;
                        frames++;
                    }

                    Buffer.BlockCopy(buffer, offset, buffer, 0, have - offset);
                    have -= offset;
                    if (!stop.IsCancellationRequested)
                    {
                        answered += frames;
                    }

                    inFlight -= frames;
                    if (stop.IsCancellationRequested)
                    {
                        if (inFlight == 0)
                        {
                            break;
                        }

                        continue;
                    }

                    if (frames > 0)
                    {
                        await stream.WriteAsync(burst.AsMemory(0, frames * one.Length));
                        inFlight += frames;
                    }
                }

                Interlocked.Add(ref total, answered);
            });
        }

        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        await stop.CancelAsync();
        double elapsed = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(workers);
        return Interlocked.Read(ref total) / elapsed;
    }
}
