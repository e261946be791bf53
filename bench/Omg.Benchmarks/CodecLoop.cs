using System.Diagnostics;

namespace Omg.Benchmarks;

/// <summary>
/// Runs one codec benchmark in a plain loop for a fixed time and prints ns/op: quick to iterate with and
/// easy to attach a sampling profiler to (<c>DOTNET_PerfMapEnabled=1 perf record</c>), which a
/// BenchmarkDotNet child process is not.
/// </summary>
internal static class CodecLoop
{
    /// <summary>Runs <c>codec-loop encode|decode [seconds]</c>.</summary>
    public static int Run(string[] args)
    {
        var benchmarks = new CodecBenchmarks();
        benchmarks.Setup();
        (Func<object> operation, Func<object> yardstick) = args.FirstOrDefault() switch
        {
            "encode" => ((Func<object>)(() => benchmarks.EncodeSearchResult50()), (Func<object>)(() => benchmarks.EncodeSearchResult50AsJsonBaseline())),
            "decode" => (() => benchmarks.DecodeSearchResult50(), () => benchmarks.DecodeSearchResult50FromJsonBaseline()),
            _ => throw new ArgumentException("usage: codec-loop encode|decode [seconds]"),
        };
        double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;

        // Warm up past tiered compilation so the loop measures optimized code.
        for (int i = 0; i < 200_000; i++)
        {
            operation();
            yardstick();
        }

        // Alternating half-second rounds with the System.Text.Json yardstick: on a shared machine the
        // ratio holds still while the absolute numbers drift.
        for (int round = 0; round < Math.Max(1, (int)(seconds / 2)); round++)
        {
            double ours = NanosecondsPerOperation(operation);
            double json = NanosecondsPerOperation(yardstick);
            Console.WriteLine($"{args[0]}: {ours:F0} ns/op, JSON yardstick {json:F0} ns/op, ratio {json / ours:F2}");
        }

        return 0;
    }

    private static double NanosecondsPerOperation(Func<object> operation)
    {
        long ops = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 1)
        {
            for (int i = 0; i < 1000; i++)
            {
                operation();
            }

            ops += 1000;
        }

        return clock.Elapsed.TotalNanoseconds / ops;
    }
}
