using System.Globalization;
using System.Reflection;

namespace Omg.Benchmarks.Live;

/// <summary>
/// <c>omg</c> as a shell user meets it: every command a fresh process talking to a running omgd (index
/// built), timed from start to exit, beside the apt tools in the same run. <c>omg --version</c>, which does
/// not reach omgd, is the floor: what starting the .NET process and the CLI costs before any request.
/// </summary>
internal static class CliBenchmark
{
    /// <summary>Runs <c>cli [runs] [path/to/omg.dll]</c>; the default omg is this repository's build of the same configuration.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        string omg = args.Length > 1 ? Path.GetFullPath(args[1]) : RepositoryCli();
        if (!File.Exists(omg))
        {
            Console.Error.WriteLine($"no omg at {omg}: build src/Omg.Cli first");
            return 1;
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}; {omg}");
        await using OmgdProcess omgd = await OmgdProcess.StartAsync("--root", "/");
        await using (var client = omgd.Client())
        {
            await client.StatusAsync();
        }

        string[] common = [omg, "--socket", omgd.Socket, "--no-autostart"];
        double floor = ProcessTimer.MedianMillis("dotnet", [omg, "--version"], runs);
        double search = ProcessTimer.MedianMillis("dotnet", [.. common, "search", "vim"], runs);
        double info = ProcessTimer.MedianMillis("dotnet", [.. common, "info", "vim"], runs);
        double status = ProcessTimer.MedianMillis("dotnet", [.. common, "status"], runs);
        double aptSearch = ProcessTimer.MedianMillis("apt-cache", ["search", "vim"], 7);
        double aptShow = ProcessTimer.MedianMillis("apt-cache", ["show", "vim"], 7);
        Console.WriteLine($"omg --version (process start-up only): median {floor,7:F1} ms (n={runs})");
        Console.WriteLine($"omg search vim:                        median {search,7:F1} ms; apt-cache search vim {aptSearch:F1} ms ({aptSearch / search:F1}x slower)");
        Console.WriteLine($"omg info vim:                          median {info,7:F1} ms; apt-cache show vim {aptShow:F1} ms ({aptShow / info:F1}x slower)");
        Console.WriteLine($"omg status:                            median {status,7:F1} ms");
        return 0;
    }

    private static string RepositoryCli()
    {
        string configuration = typeof(CliBenchmark).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "omg.sln")))
            {
                return Path.Combine(dir, "src", "Omg.Cli", "bin", configuration, "net10.0", "omg.dll");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "omg.dll");
    }
}
