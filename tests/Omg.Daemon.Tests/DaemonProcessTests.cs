using System.Diagnostics;
using Omg.Daemon.Tests.Support;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests;

/// <summary>omgd as a real child process: signals, exit codes, command line, log file.</summary>
public sealed class DaemonProcessTests
{
    private static string OmgdDll => Path.Combine(AppContext.BaseDirectory, "omgd.dll");

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [OmgdDll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("OMG_SOCKET");
        return Process.Start(start)!;
    }

    private static async Task WaitForSocketAsync(string path, Process process)
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

    [Fact]
    public async Task Sigterm_stops_cleanly_and_leaves_no_socket_file()
    {
        using var paths = new TestPaths();
        using Process omgd = Start("--socket", paths.Socket);
        await WaitForSocketAsync(paths.Socket, omgd);
        await using (RawConnection connection = await RawConnection.ConnectAsync(paths.Socket))
        {
            Assert.IsType<SuccessResponse>(await connection.CallAsync(new PingRequest(1)));
        }

        using (Process kill = Process.Start("kill", ["-TERM", omgd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await omgd.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, omgd.ExitCode);
        Assert.False(File.Exists(paths.Socket));
    }

    [Fact]
    public async Task A_second_process_on_the_same_socket_exits_with_code_1_and_says_why()
    {
        using var paths = new TestPaths();
        using Process first = Start("--socket", paths.Socket);
        try
        {
            await WaitForSocketAsync(paths.Socket, first);
            using Process second = Start("--socket", paths.Socket);
            string stderr = await second.StandardError.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.Equal(1, second.ExitCode);
            Assert.Contains("already answering", stderr, StringComparison.Ordinal);
        }
        finally
        {
            first.Kill();
        }
    }

    [Fact]
    public async Task Log_file_and_environment_configuration_are_honoured()
    {
        using var paths = new TestPaths();
        string log = Path.Combine(paths.Directory, "state", "omgd.log");
        var start = new ProcessStartInfo("dotnet", [OmgdDll, "--log-file", log, "--detach"]);
        start.Environment["OMG_SOCKET"] = paths.Socket;
        using Process omgd = Process.Start(start)!;
        try
        {
            await WaitForSocketAsync(paths.Socket, omgd);

            // The console logger writes from its own thread, a moment after the socket appears.
            string text = string.Empty;
            for (int i = 0; i < 100 && !text.Contains("listening", StringComparison.Ordinal); i++)
            {
                await Task.Delay(50);
                text = await File.ReadAllTextAsync(log);
            }

            Assert.Contains("listening on " + paths.Socket, text, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(log));
        }
        finally
        {
            omgd.Kill();
        }
    }

    [Fact]
    public async Task Usage_errors_exit_with_code_2()
    {
        using Process omgd = Start("--socket");
        string stderr = await omgd.StandardError.ReadToEndAsync();
        await omgd.WaitForExitAsync();
        Assert.Equal(2, omgd.ExitCode);
        Assert.Contains("--socket needs a value", stderr, StringComparison.Ordinal);
    }
}
