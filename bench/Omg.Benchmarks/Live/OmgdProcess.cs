using System.Diagnostics;
using Omg.Client;

namespace Omg.Benchmarks.Live;

/// <summary>omgd started as its own process on a private socket, as users run it.</summary>
internal sealed class OmgdProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private OmgdProcess(Process process, string directory, string socket)
    {
        _process = process;
        _directory = directory;
        Socket = socket;
    }

    public string Socket { get; }

    /// <summary>What omgd logged so far.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; private init; } = new();

    public int Pid => _process.Id;

    public static async Task<OmgdProcess> StartAsync(params string[] extraArgs)
    {
        string directory = Path.Combine("/tmp", "omgb-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        string socket = Path.Combine(directory, "omg.sock");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "omgd", "omgd.dll"), "--socket", socket, .. extraArgs])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                output.Enqueue(line.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!File.Exists(socket))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException("omgd did not start");
            }

            await Task.Delay(20);
        }

        return new OmgdProcess(process, directory, socket) { Output = output };
    }

    public OmgClient Client() => new(new OmgClientOptions { SocketPath = Socket, AutoStart = false });

    /// <summary>Resident set size in MiB, from /proc.</summary>
    public double RssMiB()
    {
        foreach (string line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        using (Process kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
