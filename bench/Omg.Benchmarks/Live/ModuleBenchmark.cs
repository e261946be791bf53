using System.Diagnostics;
using System.Globalization;
using Omg.Client;
using Omg.Protocol.MessagePack;

namespace Omg.Benchmarks.Live;

/// <summary>
/// The cost of a Module call through a warm omgd over its socket, against spawning the same module straight from C#
/// (a Process with stdin, stdout and stderr piped, the same request bytes, output read to the end): interleaved pairs
/// in one run, the order flipped every pair, so both sides see the same machine. The modules: a compiled one (C, built
/// here with cc, the cheapest a module can be), a sh one, and <c>py3.hello</c> from SysInspect's published examples
/// against <c>python3 -c pass</c>. A first row spawns the compiled module through setsid(1) directly, as omgd did before it used posix_spawn, to
/// show what the process group costs by itself.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class ModuleBenchmark
{
    private const string Answer = "{\"retcode\":0,\"message\":\"ok\"}";

    /// <summary>Runs <c>modules [pairs]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        string directory = Path.Combine("/tmp", "omgmb-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string root = Path.Combine(directory, "modules");
            string empty = Path.Combine(directory, "empty-root");
            Directory.CreateDirectory(Path.Combine(root, "bench"));
            Directory.CreateDirectory(empty);
            string sharelib = Path.Combine(directory, "sharelib");
            CopyTree(Fixture("tests/fixtures/sysinspect-py3"), sharelib);
            string stdinCopy = Path.Combine(directory, "request.json");
            Script(Path.Combine(root, "bench", "capture"), $"cat > {stdinCopy}\necho '{Answer}'\n");
            Script(Path.Combine(root, "bench", "sh"), $"cat >/dev/null\necho '{Answer}'\n");
            bool compiled = Compile(Path.Combine(root, "bench", "c"));

            // An empty root: no package index to build, so omgd is idle but for the calls.
            await using OmgdProcess omgd = await OmgdProcess.StartAsync(
                "--root", empty, $"--Modules:Roots:0={root}", $"--Modules:Sharelib={sharelib}",
                "--Limits:ConnectionRate=10000000", "--Limits:ConnectionBurst=10000000", "--Limits:UidRate=10000000", "--Limits:UidBurst=10000000");
            Console.WriteLine($"omgd pid {omgd.Pid}, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}, {pairs} pairs each");
            await using OmgClient client = omgd.Client();

            // The exact bytes omgd writes to a module's stdin for this request (the contract names no module, so
            // every non-py3 module gets the same), captured once and replayed by the direct spawns.
            MessagePackValue request = MessagePackJson.Parse("{\"arguments\": {\"mask\": \"*\"}}");
            await client.RunModuleAsync("bench.capture", request);
            byte[] stdin = await File.ReadAllBytesAsync(stdinCopy);
            Console.WriteLine($"request: {stdin.Length} bytes on stdin");

            if (compiled)
            {
                // What a process group cost omgd before posix_spawn: the same spawn through setsid(1), which omgd started every module with
                // to give it a process group of its own (now Process/PosixSpawn.cs does it in one spawn), against the module alone.
                await CompareAsync("direct spawn through /usr/bin/setsid vs direct (the compiled module)", pairs, async () =>
                {
                    await SpawnAsync("/usr/bin/setsid", [Path.Combine(root, "bench", "c")], stdin);
                    return new Omg.Protocol.Messages.ModuleResult(0, "ok", [], MessagePackValue.Nil, []);
                }, Path.Combine(root, "bench", "c"), [], stdin);
                await CompareAsync("compiled module (C), omgd vs direct", pairs, () => client.RunModuleAsync("bench.c", request), Path.Combine(root, "bench", "c"), [], stdin);
            }

            await CompareAsync("sh module (cat, echo), omgd vs direct", pairs, () => client.RunModuleAsync("bench.sh", request), Path.Combine(root, "bench", "sh"), [], stdin);

            MessagePackValue hello = MessagePackJson.Parse("{\"args\": {\"a\": 2, \"b\": 5}}");
            await CompareAsync("py3.hello vs python3 -c pass", Math.Max(10, pairs / 4), () => client.RunModuleAsync("py3.hello", hello), "/usr/bin/python3", ["-c", "pass"], stdin);
            Omg.Protocol.Messages.RequestMetrics? module = (await client.MetricsAsync()).Requests.FirstOrDefault(r => r.Name == "Module");
            Console.WriteLine($"omgd's own count: {module?.Count} Module requests, daemon-side p50 {module?.P50Micros} us, p99 {module?.P99Micros} us (all modules above)");
            return 0;
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task CompareAsync(string what, int pairs, Func<Task<Omg.Protocol.Messages.ModuleResult>> call, string program, string[] arguments, byte[] stdin)
    {
        for (int i = 0; i < 10; i++)
        {
            await CheckAsync(call);
            await SpawnAsync(program, arguments, stdin);
        }

        var viaOmgd = new List<double>();
        var direct = new List<double>();
        var ratios = new List<double>();
        for (int i = 0; i < pairs; i++)
        {
            double a, b;
            if (i % 2 == 0)
            {
                a = await TimeAsync(() => CheckAsync(call));
                b = await TimeAsync(() => SpawnAsync(program, arguments, stdin));
            }
            else
            {
                b = await TimeAsync(() => SpawnAsync(program, arguments, stdin));
                a = await TimeAsync(() => CheckAsync(call));
            }

            viaOmgd.Add(a);
            direct.Add(b);
            ratios.Add(a / b);
        }

        Console.WriteLine($"{what}:");
        Console.WriteLine($"  through omgd  median {Quantile(viaOmgd, 0.5),7:F0} us  p90 {Quantile(viaOmgd, 0.9),7:F0} us");
        Console.WriteLine($"  direct spawn  median {Quantile(direct, 0.5),7:F0} us  p90 {Quantile(direct, 0.9),7:F0} us");
        Console.WriteLine($"  ratio of medians {Quantile(viaOmgd, 0.5) / Quantile(direct, 0.5):F2}, of p90s {Quantile(viaOmgd, 0.9) / Quantile(direct, 0.9):F2}; pair by pair median {Quantile(ratios, 0.5):F2}, p90 {Quantile(ratios, 0.9):F2}");
    }

    private static async Task CheckAsync(Func<Task<Omg.Protocol.Messages.ModuleResult>> call)
    {
        Omg.Protocol.Messages.ModuleResult result = await call();
        if (result.Retcode != 0)
        {
            throw new InvalidOperationException($"the module failed: {result.Message}");
        }
    }

    // What a harness of its own does to run a module: pipes on all three streams, the request written while stdout
    // and stderr are read, then the exit waited for.
    private static async Task SpawnAsync(string program, string[] arguments, byte[] stdin)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // python3 -c pass exits without reading; the broken pipe is not a failure.
        }

        await Task.WhenAll(output, errors);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {errors.Result}");
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        long start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static double Quantile(List<double> samples, double q)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    // A module in C: reads stdin to its end, prints the answer.
    private static bool Compile(string output)
    {
        string source = output + ".c";
        File.WriteAllText(source, "#include <stdio.h>\n#include <unistd.h>\nint main(void) { char b[65536]; while (read(0, b, sizeof b) > 0) {} "
            + "fputs(\"" + Answer.Replace("\"", "\\\"", StringComparison.Ordinal) + "\\n\", stdout); return 0; }\n");
        try
        {
            using Process cc = Process.Start(new ProcessStartInfo("cc", ["-O2", "-o", output, source]) { RedirectStandardError = true })!;
            string errors = cc.StandardError.ReadToEnd();
            cc.WaitForExit();
            File.Delete(source);
            if (cc.ExitCode != 0)
            {
                Console.WriteLine($"cc failed, no compiled module: {errors}");
            }

            return cc.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("no cc: no compiled module");
            return false;
        }
    }

    private static void Script(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Fixture(string relative)
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, relative)))
            {
                return Path.Combine(dir, relative);
            }
        }

        throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private static void CopyTree(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
