using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Omg.Benchmarks.Live;

/// <summary>
/// The cold index build as a user meets it: a fresh omgd process on this machine's real data, JIT and all,
/// started <c>N</c> times one after another. Prints omgd's own build line for each (load / index / GC
/// split) and the median, because one cold start on a shared machine says little.
/// </summary>
internal static partial class ColdStartBenchmark
{
    /// <summary>Runs <c>cold-start [runs]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        Console.WriteLine($"{Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        var totals = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            await using OmgdProcess omgd = await OmgdProcess.StartAsync("--root", "/");
            var waited = Stopwatch.StartNew();
            string? line;
            while ((line = omgd.Output.FirstOrDefault(l => l.Contains("index built", StringComparison.Ordinal))) is null)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException("omgd did not log a finished index build within 60 s");
                }

                await Task.Delay(20);
            }

            Match built = BuildLine().Match(line);
            totals.Add(double.Parse(built.Groups["ms"].Value, CultureInfo.InvariantCulture));
            Console.WriteLine($"run {i + 1}: {built.Value}");
        }

        double[] sorted = [.. totals.Order()];
        Console.WriteLine($"cold index build in a fresh omgd: median {sorted[sorted.Length / 2]:F0} ms, min {sorted[0]:F0}, max {sorted[^1]:F0} (n={sorted.Length})");
        return 0;
    }

    [GeneratedRegex(@"index built in (?<ms>\d+) ms \([^)]*\)")]
    private static partial Regex BuildLine();
}
