using System.Diagnostics;
using Omg.Daemon.Tests.Support;
using Omg.Protocol.Messages;
using Omg.Protocol.MessagePack;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests;

/// <summary>omgd as a real child process: signals, exit codes, command line, log file.</summary>
public sealed class DaemonProcessTests
{
    private static string OmgdDll => OmgdChild.Dll;

    private static Process Start(params string[] args) => OmgdChild.Start(args);

    private static Task WaitForSocketAsync(string path, Process process) => OmgdChild.WaitForSocketAsync(path, process);

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

        await OmgdChild.SignalAsync(omgd, "TERM");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await omgd.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, omgd.ExitCode);
        Assert.False(File.Exists(paths.Socket));
    }

    [Fact]
    public async Task A_second_process_on_the_same_socket_exits_0_with_one_line_saying_why()
    {
        // Its goal, an omgd on that socket, is met: exit 0, one line on stderr, nothing on stdout (no stack trace).
        using var paths = new TestPaths();
        using Process first = Start("--socket", paths.Socket);
        try
        {
            await WaitForSocketAsync(paths.Socket, first);
            using Process second = Start("--socket", paths.Socket);
            Task<string> stdout = second.StandardOutput.ReadToEndAsync();
            string stderr = await second.StandardError.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("already answering", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", await stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            first.Kill();
        }
    }

    [Fact]
    public async Task Of_two_omgd_started_together_on_a_stale_socket_exactly_one_serves_and_the_other_leaves_its_socket_alone()
    {
        for (int trial = 0; trial < 4; trial++)
        {
            using var paths = new TestPaths();
            // Bound and closed without unlinking: the socket file a killed daemon leaves behind. Python plays the killed
            // daemon, as a .NET socket unlinks the file it bound when it is disposed.
            using (Process python = Process.Start("/usr/bin/python3", ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", paths.Socket]))
            {
                await python.WaitForExitAsync();
            }

            Assert.True(File.Exists(paths.Socket), "no stale socket file to race on");

            using Process a = Start("--socket", paths.Socket);
            using Process b = Start("--socket", paths.Socket);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                Task exitA = a.WaitForExitAsync(timeout.Token), exitB = b.WaitForExitAsync(timeout.Token);
                Process loser = await Task.WhenAny(exitA, exitB) == exitA ? a : b;
                Process winner = loser == a ? b : a;
                Assert.Equal(0, loser.ExitCode);
                Assert.Contains("already", await loser.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
                Assert.False(winner.HasExited, $"trial {trial}: both omgd exited");

                // The winner still answers on the path after the loser is gone: nobody removed its socket.
                await WaitForSocketAsync(paths.Socket, winner);
                await using RawConnection connection = await RawConnection.ConnectAsync(paths.Socket);
                Assert.IsType<SuccessResponse>(await connection.CallAsync(new PingRequest(1)));
            }
            finally
            {
                foreach (Process p in new[] { a, b }.Where(p => !p.HasExited))
                {
                    p.Kill();
                }
            }
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

    [Theory]
    [InlineData("--socket needs a value", "--socket")]
    [InlineData("unknown option '--frob'", "--frob")]
    [InlineData("unexpected argument 'status'", "status")]
    public async Task Usage_errors_exit_with_code_2_and_the_usage(string error, params string[] args)
    {
        using var paths = new TestPaths();
        // The socket comes first: before unknown flags were refused, omgd ignored --socket after one and listened on the default path.
        using Process omgd = Start(["--socket", paths.Socket, .. args]);
        string stderr = await omgd.StandardError.ReadToEndAsync();
        await omgd.WaitForExitAsync();
        Assert.Equal(2, omgd.ExitCode);
        Assert.StartsWith($"omgd: {error}\n", stderr, StringComparison.Ordinal);
        Assert.Contains("Usage: omgd", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(paths.Socket));
    }

    [Theory]
    [InlineData("root {0}/missing is not a directory", "--root", "{0}/missing")]
    [InlineData("cannot open the start lock /proc/omg.sock.omgd.lock", "--socket", "/proc/omg.sock")]
    public async Task Start_failures_are_one_line_and_exit_1(string error, string option, string value)
    {
        using var paths = new TestPaths();
        using Process omgd = Start("--socket", paths.Socket, option, string.Format(System.Globalization.CultureInfo.InvariantCulture, value, paths.Directory));
        string stderr = await omgd.StandardError.ReadToEndAsync();
        await omgd.WaitForExitAsync();
        Assert.Equal(1, omgd.ExitCode);
        Assert.StartsWith("omgd: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, error, paths.Directory), stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Module_roots_from_the_command_line_are_searched_first_in_order_and_sharelib_lists_py3()
    {
        using var paths = new TestPaths();
        string Root(string name) => Path.Combine(paths.Directory, name);
        foreach (string root in new[] { "first", "second", "configured" })
        {
            WriteModule(Root(root), "t/which", root);
        }

        WriteModule(Root("second"), "t/only2", "second");
        string scripts = Path.Combine(paths.Directory, "sharelib", "lib", "runtime", "python3");
        Directory.CreateDirectory(scripts);
        File.WriteAllText(Path.Combine(scripts, "greet.py"), "def run(req):\n    return 'hi'\n");

        using Process omgd = Start("--socket", paths.Socket, "--module-root", Root("first"), "--module-root", Root("second"),
            $"--Modules:Roots:0={Root("configured")}", "--sharelib", Path.Combine(paths.Directory, "sharelib"));
        try
        {
            await WaitForSocketAsync(paths.Socket, omgd);
            await using RawConnection connection = await RawConnection.ConnectAsync(paths.Socket);
            Assert.Equal("first", await MessageAsync(connection, "t.which"));
            Assert.Equal("second", await MessageAsync(connection, "t.only2"));
            var modules = Assert.IsType<ModulesResult>(((SuccessResponse)await connection.CallAsync(new ModulesRequest(9))).Result);
            Assert.Contains(modules.Modules, m => m.Name == "py3.greet");
            Assert.Equal(Path.Combine(Root("first"), "t", "which"), modules.Modules.Single(m => m.Name == "t.which").Path);
        }
        finally
        {
            omgd.Kill();
        }
    }

    private static async Task<string> MessageAsync(RawConnection connection, string module)
    {
        Response response = await connection.CallAsync(new ModuleRequest(1, module, MessagePackJson.Parse("{}"), null));
        Assert.True(response is SuccessResponse, (response as ErrorResponse)?.Message);
        return Assert.IsType<ModuleResult>(((SuccessResponse)response).Result).Message;
    }

    private static void WriteModule(string root, string relative, string message)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"#!/bin/sh\ncat >/dev/null\necho '{{\"retcode\": 0, \"message\": \"{message}\"}}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
