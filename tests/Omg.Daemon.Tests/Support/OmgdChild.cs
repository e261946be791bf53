using System.Diagnostics;

namespace Omg.Daemon.Tests.Support;

/// <summary>omgd started as a real child process (this build's omgd.dll under dotnet), output redirected.</summary>
internal static class OmgdChild
{
    /// <summary>The omgd build beside the tests.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "omgd.dll");

    /// <summary>How omgd is started with <paramref name="args"/>: no inherited OMG_SOCKET, stdout and stderr redirected.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("OMG_SOCKET");
        start.Environment.Remove("NOTIFY_SOCKET");
        return start;
    }

    /// <summary>Starts omgd with <paramref name="args"/>.</summary>
    public static Process Start(params string[] args) => Process.Start(StartInfo(args))!;

    /// <summary>Waits until <paramref name="path"/> exists; fails with omgd's stderr if it exits first.</summary>
    public static async Task WaitForSocketAsync(string path, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (process.HasExited)
            {
                string why = process.StartInfo.RedirectStandardError ? await process.StandardError.ReadToEndAsync() : $"exit code {process.ExitCode}";
                Assert.Fail("omgd exited: " + why);
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "omgd did not create its socket");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, KILL) to <paramref name="process"/> with kill(1).</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        using Process kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }
}
