using BenchmarkDotNet.Running;
using Omg.Benchmarks.Live;

namespace Omg.Benchmarks;

/// <summary>
/// Entry point. <c>daemon</c>, <c>load</c>, <c>packages</c>, <c>cold-start</c>, <c>cli</c>, <c>audit</c> and <c>modules</c> run the live benchmarks against a
/// real omgd process (docs/benchmarks.md); <c>codec-loop</c> spins one codec operation for profiling; anything else goes to BenchmarkDotNet, e.g. <c>--filter '*Codec*'</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmark named by the first argument.</summary>
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "daemon":
                return await DaemonBenchmark.RunAsync(args[1..]);
            case "load":
                return await LoadBenchmark.RunAsync(args[1..]);
            case "packages":
                return await PackageBenchmark.RunAsync(args[1..]);
            case "cold-start":
                return await ColdStartBenchmark.RunAsync(args[1..]);
            case "cli":
                return await CliBenchmark.RunAsync(args[1..]);
            case "index-build":
                return PackageBenchmark.BuildOnly(args[1..]);
            case "audit":
                return OperatingSystem.IsLinux() ? await AuditBenchmark.RunAsync(args[1..]) : 2;
            case "modules":
                return OperatingSystem.IsLinux() ? await ModuleBenchmark.RunAsync(args[1..]) : 2;
            case "codec-loop":
                return CodecLoop.Run(args[1..]);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
