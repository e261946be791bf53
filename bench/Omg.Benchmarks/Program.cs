using BenchmarkDotNet.Running;

namespace Omg.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/Omg.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks named on the command line (BenchmarkDotNet switches).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
