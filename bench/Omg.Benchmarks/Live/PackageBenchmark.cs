using System.Diagnostics;
using System.Text.RegularExpressions;
using Omg.Client;
using Omg.Packages;
using Omg.Packages.Debian;
using Omg.Packages.Index;
using Omg.Packages.Runtimes;

namespace Omg.Benchmarks.Live;

/// <summary>
/// The package backend on this machine's real dpkg/apt data, side by side with the apt tools in the same
/// run: cold index build, Search/Info/Suggest round trips through <see cref="OmgClient"/> to an omgd
/// process, omgd's resident memory, and <c>apt-cache search vim</c> / <c>apt-cache show vim</c>.
/// </summary>
internal static partial class PackageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        Console.WriteLine($"{Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");

        if (Environment.GetEnvironmentVariable("OMG_BENCH_SKIP_BUILD") is null)
        {
            BuildInProcess();
        }

        // Thousands of back-to-back calls exceed the default 200 requests/s per connection on purpose;
        // the limits are raised so the benchmark measures the work, not the rate limiter.
        await using OmgdProcess omgd = await OmgdProcess.StartAsync(
            "--root", "/", "--Limits:ConnectionRate=1000000", "--Limits:ConnectionBurst=1000000", "--Limits:UidRate=1000000", "--Limits:UidBurst=1000000");
        await using OmgClient client = omgd.Client();
        await client.StatusAsync();
        string? built = omgd.Output.FirstOrDefault(line => line.Contains("index built", StringComparison.Ordinal));
        Console.WriteLine($"omgd first build (fresh process, JIT included): {(built is null ? "?" : IndexBuilt().Match(built).Value)}");

        // omgd is a long-running daemon: measure its steady state. Tiered compilation promotes a method
        // only after 30 calls and a quiet 100 ms, so a warm-up counted in calls (a few hundred take less
        // than that) still measures tier-0 code; warm up for 3 s instead.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
        {
            await client.SearchAsync("vim", 50);
            await client.InfoAsync("vim");
            await client.SuggestAsync("vmi", 10);
        }

        var search = new Percentiles();
        var info = new Percentiles();
        var suggest = new Percentiles();
        for (int i = 0; i < iterations; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await client.SearchAsync("vim", 50);
            long t1 = Stopwatch.GetTimestamp();
            await client.InfoAsync("vim");
            long t2 = Stopwatch.GetTimestamp();
            await client.SuggestAsync("vmi", 10);
            long t3 = Stopwatch.GetTimestamp();
            search.Add(Stopwatch.GetElapsedTime(t0, t1));
            info.Add(Stopwatch.GetElapsedTime(t1, t2));
            suggest.Add(Stopwatch.GetElapsedTime(t2, t3));
        }

        Console.WriteLine($"Search \"vim\" limit 50 round trip: {search.Describe()}");
        Console.WriteLine($"Info vim round trip:              {info.Describe()}");
        Console.WriteLine($"Suggest \"vmi\" round trip:         {suggest.Describe()}");
        Console.WriteLine($"omgd RSS with the full index:     {omgd.RssMiB():F0} MiB");
        foreach (string line in omgd.Output.Where(l => l.Contains("garbage collected", StringComparison.Ordinal)))
        {
            Console.WriteLine($"omgd: {line[(line.IndexOf("build garbage", StringComparison.Ordinal))..]}");
        }

        double aptSearch = ProcessTimer.MedianMillis("apt-cache", ["search", "vim"], 7);
        double aptShow = ProcessTimer.MedianMillis("apt-cache", ["show", "vim"], 7);
        Console.WriteLine($"apt-cache search vim:             median {aptSearch:F1} ms  -> omg is {aptSearch * 1000 / search.P(0.5):N0}x faster");
        Console.WriteLine($"apt-cache show vim:               median {aptShow:F1} ms  -> omg is {aptShow * 1000 / info.P(0.5):N0}x faster");
        return 0;
    }

    // The whole load of every source plus the index build, in this process: the first run is cold
    // (JIT and page cache included), the median of the rest is the steady cost of a rebuild.
    /// <summary>Only the in-process builds: <c>index-build [runs]</c>, for profiling the build.</summary>
    public static int BuildOnly(string[] args)
    {
        BuildInProcess(args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 6);
        return 0;
    }

    private static void BuildInProcess(int count = 6)
    {
        PackageIndex? last = null;
        var runs = new List<double>();
        for (int i = 0; i < count; i++)
        {
            var options = new RuntimeDetectorOptions { Root = "/" };
            IPackageSource[] sources = [new DebianPackageSource("/"), new NpmGlobalPackageSource(options), new PythonDistributionSource(options)];
            var clock = Stopwatch.StartNew();
            SourceLoadResult[] loaded = sources.AsParallel().AsOrdered().Select(s => s.Load(CancellationToken.None)).ToArray();
            var index = new PackageIndex(loaded, new RuntimeDetector(options).Detect(CancellationToken.None));
            runs.Add(clock.Elapsed.TotalMilliseconds);
            last = index;
            if (i == 0)
            {
                Console.WriteLine($"index: {index.DescribeIndex()}");
            }
        }

        double[] warm = runs.Count > 1 ? runs.Skip(1).Order().ToArray() : [.. runs];
        Console.WriteLine($"index build (all sources, in process): first {runs[0]:F0} ms, then median {warm[warm.Length / 2]:F0} ms (min {warm[0]:F0})");

        // The index's own share of a round trip, without socket, codec or dispatch.
        PackageIndex built = last!;
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
        {
            built.Search("vim", 50);
            built.Find("vim");
            built.Suggest("vmi", 10);
        }

        var search = new Percentiles();
        var find = new Percentiles();
        var suggest = new Percentiles();
        for (int i = 0; i < 2000; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            built.Search("vim", 50);
            long t1 = Stopwatch.GetTimestamp();
            built.Find("vim");
            long t2 = Stopwatch.GetTimestamp();
            built.Suggest("vmi", 10);
            long t3 = Stopwatch.GetTimestamp();
            search.Add(Stopwatch.GetElapsedTime(t0, t1));
            find.Add(Stopwatch.GetElapsedTime(t1, t2));
            suggest.Add(Stopwatch.GetElapsedTime(t2, t3));
        }

        Console.WriteLine($"in process, index only: Search \"vim\" {search.Describe()}; Find vim {find.Describe()}; Suggest \"vmi\" {suggest.Describe()}");
    }

    [GeneratedRegex(@"index built in \d+ ms")]
    private static partial Regex IndexBuilt();
}
