using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Omg.Benchmarks.Live;

/// <summary>
/// The cold index build as a user meets it: a fresh omgd process on this machine's real data, JIT and all,
/// started <c>N</c> times one after another. Prints omgd's own build line for each (load / index / GC
/// split) and the median, because one cold start on a shared machine says little; also how long after the
/// process was started the index was ready (host start-up included), and, in as many runs again, when a
/// Search sent at once was answered: what the first command after omgd starts waits for.
/// </summary>
internal static partial class ColdStartBenchmark
{
    /// <summary>Runs <c>cold-start [runs]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        Console.WriteLine($"{Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        long[] before = CpuTicks();
        var totals = new List<double>();
        var ready = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var sinceExec = Stopwatch.StartNew();
            await using OmgdProcess omgd = await OmgdProcess.StartAsync("--root", "/");
            var waited = Stopwatch.StartNew();
            string? line;
            while ((line = omgd.Output.FirstOrDefault(l => l.Contains("index built", StringComparison.Ordinal))) is null)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException("omgd did not log a finished index build within 60 s");
                }

                await Task.Delay(10);
            }

            ready.Add(sinceExec.Elapsed.TotalMilliseconds);

            Match built = BuildLine().Match(line);
            totals.Add(BuildMillis(built));
            Console.WriteLine($"run {i + 1}: {built.Value}; ready {ready[^1]:F0} ms after exec");
        }

        long[] after = CpuTicks();
        double total = Enumerable.Range(0, before.Length).Sum(i => (double)(after[i] - before[i]));
        Console.WriteLine($"during the runs: {100 * (after[7] - before[7]) / total:F1}% of this VM's CPU time was stolen by the host, {100 * (after[3] - before[3]) / total:F0}% idle");
        Console.WriteLine($"cold index build in a fresh omgd: {Spread(totals)} (n={totals.Count})");
        Console.WriteLine($"index ready after exec (host start-up included, 10 ms polling): {Spread(ready)}");

        // What the first command after omgd starts waits for: a Search sent as soon as the socket exists
        // (as an auto-starting client does), answered once the first build is published. Separate runs,
        // since the waiting request changes what the daemon compiles during its build.
        var answers = new List<double>();
        var answerBuilds = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var sinceExec = Stopwatch.StartNew();
            await using OmgdProcess omgd = await OmgdProcess.StartAsync("--root", "/");
            await using var client = omgd.Client();
            var result = await client.SearchAsync("vim", 50);
            answers.Add(sinceExec.Elapsed.TotalMilliseconds);
            if (result.Packages.Count == 0)
            {
                throw new InvalidOperationException("the first Search found nothing");
            }

            string? line = omgd.Output.FirstOrDefault(l => l.Contains("index built", StringComparison.Ordinal));
            answerBuilds.Add(line is null ? double.NaN : BuildMillis(BuildLine().Match(line)));
        }

        Console.WriteLine($"first Search answered after exec (sent at once, waits for the build): {Spread(answers)} (builds in those runs: {Spread(answerBuilds)})");
        return 0;
    }

    private static double BuildMillis(Match built) => double.Parse(built.Groups["ms"].Value, CultureInfo.InvariantCulture);

    private static string Spread(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return $"median {sorted[sorted.Length / 2]:F0} ms, min {sorted[0]:F0}, max {sorted[^1]:F0}";
    }

    // The aggregate line of /proc/stat: user nice system idle iowait irq softirq steal ...
    private static long[] CpuTicks() =>
        [.. File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"index built in (?<ms>\d+) ms \([^)]*\)")]
    private static partial Regex BuildLine();
}
