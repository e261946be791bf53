using System.Diagnostics;

namespace Omg.Client.Tests.Cli;

/// <summary>The built <c>omg</c> as a separate process: its Main wires the console and the exit code.</summary>
public sealed class ExecutableTests
{
    private static async Task<(int ExitCode, string Out, string Error)> RunOmgAsync(params string[] args)
    {
        var start = new ProcessStartInfo(DaemonLocator.FindDotnet() ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "omg.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task The_executable_answers_through_a_pipe_with_full_rows_and_exit_codes()
    {
        await using var daemon = TestDaemon.Start();

        var search = await RunOmgAsync("--socket", daemon.SocketPath, "--no-autostart", "search", "vim");
        var missing = await RunOmgAsync("--socket", daemon.SocketPath + ".missing", "--no-autostart", "ping");

        Assert.Equal(0, search.ExitCode);
        Assert.Contains("vim-tiny  2:9.0.1378-2  apt                Vi IMproved - enhanced vi editor - compact version", search.Out);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("DAEMON_UNAVAILABLE", missing.Error);
    }
}
