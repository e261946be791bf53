using System.Diagnostics;

namespace Omg.Client.Tests.Cli;

/// <summary>The built <c>omg</c> as a separate process: its Main wires the console and the exit code.</summary>
public sealed class ExecutableTests
{
    private static async Task<(int ExitCode, string Out, string Error)> RunOmgAsync(string? columns, params string[] args)
    {
        var start = new ProcessStartInfo(DaemonLocator.FindDotnet() ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["COLUMNS"] = columns;
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
    public async Task The_executable_fits_piped_tables_to_80_columns_or_COLUMNS_and_sets_exit_codes()
    {
        await using var daemon = TestDaemon.Start();

        var piped = await RunOmgAsync(null, "--socket", daemon.SocketPath, "--no-autostart", "search", "vim");
        var wide = await RunOmgAsync("200", "--socket", daemon.SocketPath, "--no-autostart", "search", "vim");
        var missing = await RunOmgAsync(null, "--socket", daemon.SocketPath + ".missing", "--no-autostart", "ping");
        var misuse = await RunOmgAsync(null, "search", "vim", "--frob");

        Assert.Equal(0, piped.ExitCode);
        Assert.All(piped.Out.Split('\n'), line => Assert.True(line.Length <= 80, line));
        Assert.Contains("vim-tiny  2:9.0.1378-2  apt                Vi IMproved - enhanced vi editor - c…", piped.Out);
        Assert.Contains("vim-tiny  2:9.0.1378-2  apt                Vi IMproved - enhanced vi editor - compact version", wide.Out);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("DAEMON_UNAVAILABLE", missing.Error);
        Assert.Equal(2, misuse.ExitCode);
        Assert.StartsWith("omg: unknown option '--frob'", misuse.Error, StringComparison.Ordinal);
    }
}
