using System.Diagnostics;

namespace Omg.Benchmarks;

/// <summary>
/// Runs one codec benchmark in a plain loop for a fixed time and prints CPU ns/op: quick to iterate with and
/// easy to attach a sampling profiler to (<c>DOTNET_PerfMapEnabled=1 perf record</c>), which a
/// BenchmarkDotNet child process is not.
/// </summary>
internal static class CodecLoop
{
    /// <summary>
    /// Runs <c>codec-loop encode|decode|floor [seconds] [floor]</c>. The optional last word alternates with the
    /// allocation floor instead of JSON, so a decode change is judged by what it adds above the floor.
    /// </summary>
    public static int Run(string[] args)
    {
        var benchmarks = new CodecBenchmarks();
        benchmarks.Setup();
        var pairs = new CodecComparisonBenchmarks();
        pairs.Setup();
        (Func<object> operation, Func<object> yardstick) = args.FirstOrDefault() switch
        {
            "encode-search" => ((Func<object>)(() => pairs.EncodeSearchResult50_Library()), (Func<object>)(() => pairs.EncodeSearchResult50_Handwritten())),
            "decode-search" => (() => pairs.DecodeSearchResult50_Library(), () => pairs.DecodeSearchResult50_Handwritten()),
            "encode-info" => (() => pairs.EncodeDetailedPackageInfo_Library(), () => pairs.EncodeDetailedPackageInfo_Handwritten()),
            "decode-info" => (() => pairs.DecodeDetailedPackageInfo_Library(), () => pairs.DecodeDetailedPackageInfo_Handwritten()),
            "encode-batch" => (() => pairs.EncodeBatch100_Library(), () => pairs.EncodeBatch100_Handwritten()),
            "decode-batch" => (() => pairs.DecodeBatch100_Library(), () => pairs.DecodeBatch100_Handwritten()),
            "hostile" => (() => pairs.DecodeHostileFrame1MiB_Library(), () => pairs.DecodeHostileFrame1MiB_Handwritten()),
            "encode" => ((Func<object>)(() => benchmarks.EncodeSearchResult50()), (Func<object>)(() => benchmarks.EncodeSearchResult50AsJsonBaseline())),
            "decode" => (() => benchmarks.DecodeSearchResult50(), () => benchmarks.DecodeSearchResult50FromJsonBaseline()),
            "floor" => (() => benchmarks.AllocationFloorSearchResult50(), () => benchmarks.DecodeSearchResult50FromJsonBaseline()),
            _ => throw new ArgumentException("usage: codec-loop encode|decode|floor|encode-search|decode-search|encode-info|decode-info|encode-batch|decode-batch|hostile [seconds] [floor]"),
        };
        string yardstickName = args.FirstOrDefault()?.Contains('-') == true || args.FirstOrDefault() == "hostile" ? "hand-written" : "JSON yardstick";
        if (args.Length > 2 && args[2] == "floor")
        {
            yardstick = () => benchmarks.AllocationFloorSearchResult50();
            yardstickName = "floor";
        }

        double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;

        // Warm up past tiered compilation so the loop measures optimized code.
        for (int i = 0; i < (args.FirstOrDefault() == "hostile" ? 200 : 200_000); i++)
        {
            operation();
            yardstick();
        }

        // Alternating half-second rounds with the System.Text.Json yardstick: on a shared machine the
        // ratio holds still while the absolute numbers drift.
        var ratios = new List<double>();
        var times = new List<double>();
        for (int round = 0; round < Math.Max(1, (int)(seconds / 2)); round++)
        {
            double ours = NanosecondsPerOperation(operation);
            double json = NanosecondsPerOperation(yardstick);
            Console.WriteLine($"{args[0]}: {ours:F0} ns/op, {yardstickName} {json:F0} ns/op, ratio {json / ours:F2}");
            ratios.Add(json / ours);
            times.Add(ours);
        }

        Console.WriteLine($"{args[0]} median: {Median(times):F0} ns/op (fastest {times.Min():F0}), {yardstickName}/ours ratio {Median(ratios):F2}");

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double NanosecondsPerOperation(Func<object> operation)
    {
        // Process CPU time rather than wall time: on a shared VM the time stolen by neighbours is not
        // charged to the process, so this drifts far less than the wall clock.
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
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

        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore).TotalNanoseconds / ops;
    }
}
