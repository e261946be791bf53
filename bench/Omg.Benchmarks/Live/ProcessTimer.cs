using System.Diagnostics;

namespace Omg.Benchmarks.Live;

/// <summary>Times whole processes, as a shell user meets a command: start to exit, output read and dropped.</summary>
internal static class ProcessTimer
{
    /// <summary>The median wall time of <paramref name="runs"/> runs of the command; a failing run is an error, not a fast one.</summary>
    public static double MedianMillis(string program, IReadOnlyList<string> arguments, int runs)
    {
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            var clock = Stopwatch.StartNew();
            using Process process = Process.Start(start)!;
            Task<string> errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors.Result}");
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
