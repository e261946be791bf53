using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Omg.Client;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;

namespace Omg.Benchmarks.Live;

/// <summary>
/// omgd under load with hostile company (issue 19, item 3): N connections (1,000 by default) held open at once, each
/// pipelining 20 Searches per round and checking every answer is there with its id; beside them slow-loris clients
/// (a frame dribbled a byte at a time), idle ones and ones that send and never read; meanwhile one normal
/// <see cref="OmgClient"/> Searches in a loop, and omgd's RSS is sampled. omgd runs with its connection limits raised
/// (256 and 64 per process by default, too few for one process holding 1,000) and its rate limits out of the way.
/// </summary>
internal static class LoadBenchmark
{
    private const int Pipelined = 20;

    /// <summary>Runs <c>load [connections] [rounds] [alone]</c>; exit code 1 when an answer was missing or a bound was missed.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int connections = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        // A third word "alone" leaves out the hostile clients, to tell their share of the latency from the load's.
        bool alone = args.Length > 2 && args[2] == "alone";
        int loris = alone ? 0 : 50, idleCount = alone ? 0 : 100, deafCount = alone ? 0 : 20;
        const double P99BoundMs = 50, RssBoundMiB = 512;
        int fds = OpenFilesLimit();
        Console.WriteLine($"{Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}; ulimit -n {fds}");
        if (fds < connections + loris + idleCount + deafCount + 200)
        {
            Console.Error.WriteLine($"ulimit -n is {fds}: too few descriptors for {connections} connections; raise it (ulimit -n 4096)");
            return 1;
        }

        int limit = connections + loris + idleCount + deafCount + 50;
        await using OmgdProcess omgd = await OmgdProcess.StartAsync(
            "--root", "/", $"--Limits:MaxConnections={limit}", "--Limits:MaxConnectionsPerProcess=0",
            "--Limits:ConnectionRate=10000000", "--Limits:ConnectionBurst=10000000", "--Limits:UidRate=10000000", "--Limits:UidBurst=10000000");
        Console.WriteLine($"omgd pid {omgd.Pid}: Limits:MaxConnections={limit}, MaxConnectionsPerProcess=0 (off), rate limits 10,000,000/s");
        await using OmgClient normal = omgd.Client();
        ulong total = (await normal.SearchAsync("vim", 50)).Total;
        var quiet = new Percentiles();
        for (int i = 0; i < 300; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await normal.SearchAsync("vim", 50);
            quiet.Add(Stopwatch.GetElapsedTime(t0));
        }

        Console.WriteLine($"index ready ({total} hits for 'vim'); normal client's Search alone: {quiet.Describe()}; RSS {omgd.RssMiB():F0} MiB");

        using var stop = new CancellationTokenSource();
        List<Socket> idle = [];
        for (int i = 0; i < idleCount; i++)
        {
            idle.Add(await ConnectAsync(omgd.Socket));
        }

        Task[] dribbling = [.. Enumerable.Range(0, loris).Select(_ => SlowLorisAsync(omgd.Socket, stop.Token))];
        Task<long>[] deaf = [.. Enumerable.Range(0, deafCount).Select(_ => NeverReadAsync(omgd.Socket, stop.Token))];

        double peakRss = 0;
        Task sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, omgd.RssMiB());
                await Task.Delay(50);
            }
        });

        var loaded = new Percentiles();
        Task probe = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                long t0 = Stopwatch.GetTimestamp();
                await normal.SearchAsync("vim", 50);
                loaded.Add(Stopwatch.GetElapsedTime(t0));
            }
        });

        var clock = Stopwatch.StartNew();
        Socket[] sockets = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => ConnectAsync(omgd.Socket)));
        Console.WriteLine($"{connections} connections open in {clock.Elapsed.TotalMilliseconds:F0} ms, beside {idleCount} idle, {loris} slow-loris and {deafCount} never-reading ones");
        long answered = 0;
        clock.Restart();
        for (int round = 0; round < rounds; round++)
        {
            long[] got = await Task.WhenAll(sockets.Select((s, c) => PipelineAsync(s, (ulong)(round * Pipelined + 1), (c + round) % Words.Length)));
            answered += got.Sum();
        }

        double seconds = clock.Elapsed.TotalSeconds;
        long expected = (long)connections * Pipelined * rounds;
        await stop.CancelAsync();
        await Task.WhenAll([probe, sampler, .. dribbling]);
        long deafSent = (await Task.WhenAll(deaf)).Sum();
        Omg.Protocol.Messages.MetricsResult metrics = await normal.MetricsAsync();
        foreach (Socket s in sockets.Concat(idle))
        {
            s.Dispose();
        }

        Console.WriteLine($"answered {answered:N0} of {expected:N0} pipelined requests ({connections} x {Pipelined} x {rounds} rounds) in {seconds:F1} s = {answered / seconds:N0}/s, every id checked");
        Console.WriteLine($"never-reading clients sent {deafSent:N0} requests; omgd's count of connections: {metrics.ActiveConnections} active, {metrics.TotalConnections} total, {metrics.RejectedConnections} rejected");
        Console.WriteLine($"normal client's Search under load: {loaded.Describe()} (bound p99 < {P99BoundMs} ms)");
        Console.WriteLine($"omgd peak RSS during the load: {peakRss:F0} MiB (bound {RssBoundMiB} MiB)");
        bool ok = answered == expected && loaded.P(0.99) < P99BoundMs * 1000 && peakRss < RssBoundMiB;
        Console.WriteLine(ok ? "all bounds met" : "BOUND MISSED");
        return ok ? 0 : 1;
    }

    private static readonly string[] Words = ["lib", "python3", "perl", "gnome", "x11", "dev", "data", "utils"];

    private static async Task<Socket> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    // Writes 20 requests at once (Ping and Suggest, the cheap calls a shell's completion makes) and reads 20 answers;
    // each must be a success and every id must come back.
    private static async Task<long> PipelineAsync(Socket socket, ulong firstId, int word)
    {
        var burst = new List<byte>();
        for (int i = 0; i < Pipelined; i++)
        {
            ulong id = firstId + (ulong)i;
            using FrameBuffer frame = FrameBuffer.For(i % 2 == 0 ? new PingRequest(id) : new SuggestRequest(id, Words[(word + i) % Words.Length], 5));
            burst.AddRange(frame.Complete().ToArray());
        }

        await socket.SendAsync(burst.ToArray());
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var ids = new HashSet<ulong>();
        for (int i = 0; i < Pipelined; i++)
        {
            byte[] payload = await FrameReader.ReadAsync(stream, FrameLimits.MaxResponseSize)
                ?? throw new InvalidDataException("omgd closed a loaded connection");
            Response response = MessageCodec.DecodeResponse(payload);
            if (response is not SuccessResponse || !ids.Add(response.Id) || response.Id < firstId || response.Id >= firstId + Pipelined)
            {
                throw new InvalidDataException($"unexpected answer {response}");
            }
        }

        return ids.Count;
    }

    // A frame header, then one payload byte every 200 ms: never a whole frame before omgd's frame timeout.
    private static async Task SlowLorisAsync(string path, CancellationToken stop)
    {
        using Socket socket = await ConnectAsync(path);
        byte[] header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1000);
        try
        {
            await socket.SendAsync(header);
            while (!stop.IsCancellationRequested)
            {
                await socket.SendAsync(new byte[] { 0x81 });
                await Task.Delay(200, stop);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // Cancelled, or closed by omgd's frame timeout: either ends this client.
        }
    }

    // Sends Searches of limit 1000 as fast as the socket takes them and never reads an answer.
    private static async Task<long> NeverReadAsync(string path, CancellationToken stop)
    {
        using Socket socket = await ConnectAsync(path);
        long sent = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using FrameBuffer frame = FrameBuffer.For(new SearchRequest((ulong)sent + 1, "lib", 1000));
                await socket.SendAsync(frame.Complete(), SocketFlags.None, stop);
                sent++;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // Cancelled, or its socket buffers full and omgd stopped reading it, or closed at the write timeout.
        }

        return sent;
    }

    private static int OpenFilesLimit()
    {
        string line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        return int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture);
    }
}
