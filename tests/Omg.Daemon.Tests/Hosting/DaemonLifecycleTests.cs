using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Omg.Client;
using Omg.Daemon.Tests.Support;
using Omg.Packages.Tests.Debian;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.Hosting;

/// <summary>
/// omgd's life as a process (issue 19): SIGTERM with a request running, kill -9 with one running, readiness told to
/// a service manager, JSON logs, and the directories it makes for its socket.
/// </summary>
public sealed class DaemonLifecycleTests : IDisposable
{
    private readonly TestPaths _paths = new();

    private string Modules => Path.Combine(_paths.Directory, "modules");

    private string Started => Path.Combine(_paths.Directory, "started");

    public void Dispose() => _paths.Dispose();

    [Fact]
    public async Task Sigterm_lets_a_running_request_finish_and_answer_before_omgd_exits()
    {
        SlowModule(seconds: 2);
        using Process omgd = OmgdChild.Start("--socket", _paths.Socket, "--module-root", Modules);
        try
        {
            await OmgdChild.WaitForSocketAsync(_paths.Socket, omgd);
            await using RawConnection connection = await RawConnection.ConnectAsync(_paths.Socket);
            await connection.SendAsync(new ModuleRequest(7, "t.slow", MessagePackJson.Parse("{}"), null));
            await Eventually.TrueAsync(() => File.Exists(Started));

            await OmgdChild.SignalAsync(omgd, "TERM");
            Response? answer = await connection.ReceiveAsync(timeoutMs: 15_000);
            var success = Assert.IsType<SuccessResponse>(answer);
            Assert.Equal(7UL, success.Id);
            Assert.Equal("slept", Assert.IsType<ModuleResult>(success.Result).Message);

            await WaitForExitAsync(omgd);
            Assert.Equal(0, omgd.ExitCode);
            Assert.False(File.Exists(_paths.Socket));
        }
        finally
        {
            KillIfRunning(omgd);
        }
    }

    [Fact]
    public async Task Sigterm_waits_for_a_running_request_only_for_the_grace_period()
    {
        SlowModule(seconds: 120);
        using Process omgd = OmgdChild.Start("--socket", _paths.Socket, "--module-root", Modules, "--Limits:ShutdownGraceSeconds=1");
        try
        {
            Task<string> stdout = omgd.StandardOutput.ReadToEndAsync();
            await OmgdChild.WaitForSocketAsync(_paths.Socket, omgd);
            await using RawConnection connection = await RawConnection.ConnectAsync(_paths.Socket);
            await connection.SendAsync(new ModuleRequest(8, "t.slow", MessagePackJson.Parse("{}"), null));
            await Eventually.TrueAsync(() => File.Exists(Started));

            await OmgdChild.SignalAsync(omgd, "TERM");
            await WaitForExitAsync(omgd);
            Assert.Equal(0, omgd.ExitCode);
            Assert.Contains("1 request(s) still running after the 1 s shutdown grace period", await stdout, StringComparison.Ordinal);

            // The client is not left waiting for an answer that will never come: its connection is closed.
            Assert.True(await connection.IsClosedByPeerAsync(), "omgd exited and the connection stayed open");
        }
        finally
        {
            KillIfRunning(omgd);
        }
    }

    [Fact]
    public async Task A_client_whose_omgd_is_killed_mid_request_reports_the_broken_connection()
    {
        SlowModule(seconds: 120);
        using Process omgd = OmgdChild.Start("--socket", _paths.Socket, "--module-root", Modules);
        try
        {
            await OmgdChild.WaitForSocketAsync(_paths.Socket, omgd);
            await using var client = new OmgClient(new OmgClientOptions { SocketPath = _paths.Socket, AutoStart = false });
            Task<ModuleResult> call = client.RunModuleAsync("t.slow", MessagePackJson.Parse("{}"));
            await Eventually.TrueAsync(() => File.Exists(Started));

            await OmgdChild.SignalAsync(omgd, "KILL");
            var lost = await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => call);
            Assert.Equal(_paths.Socket, lost.SocketPath);
            Assert.Contains("broke while a request was in flight", lost.Message, StringComparison.Ordinal);

            // The killed omgd left its socket file behind; the next omgd reclaims it.
            await WaitForExitAsync(omgd);
            Assert.True(File.Exists(_paths.Socket), "kill -9 left no socket file: nothing to reclaim");
            using Process next = OmgdChild.Start("--socket", _paths.Socket, "--module-root", Modules);
            try
            {
                string answer = await Eventually.ValueAsync(
                    async () =>
                    {
                        try
                        {
                            return await client.PingAsync();
                        }
                        catch (OmgDaemonUnavailableException)
                        {
                            return "unavailable";
                        }
                    },
                    done: pong => pong == "pong");
                Assert.Equal("pong", answer);
            }
            finally
            {
                KillIfRunning(next);
            }
        }
        finally
        {
            KillIfRunning(omgd);
        }
    }

    [Fact]
    public async Task Readiness_is_sent_to_NOTIFY_SOCKET_once_the_socket_is_bound_and_stopping_at_sigterm()
    {
        // The service manager's end: a datagram socket, as systemd binds for a Type=notify unit.
        string notifyPath = Path.Combine(_paths.Directory, "notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));

        ProcessStartInfo start = OmgdChild.StartInfo("--socket", _paths.Socket, "--root", Fixtures.Root("basic"));
        start.Environment["NOTIFY_SOCKET"] = notifyPath;
        using Process omgd = Process.Start(start)!;
        try
        {
            string ready = await ReceiveAsync(notify);
            Assert.Contains("READY=1", ready.Split('\n'));
            // Ready means ready: the socket answers by the time the manager is told.
            await using (RawConnection connection = await RawConnection.ConnectAsync(_paths.Socket))
            {
                Assert.IsType<SuccessResponse>(await connection.CallAsync(new PingRequest(1)));
            }

            await OmgdChild.SignalAsync(omgd, "TERM");
            Assert.Contains("STOPPING=1", (await ReceiveAsync(notify)).Split('\n'));
            await WaitForExitAsync(omgd);
            Assert.Equal(0, omgd.ExitCode);
        }
        finally
        {
            KillIfRunning(omgd);
        }
    }

    [Theory]
    [InlineData("--log-format", "json")]
    [InlineData("--Logging:Console:FormatterName=json", null)]
    public async Task Json_logs_are_one_object_a_line(string option, string? value)
    {
        string[] args = value is null ? [option] : [option, value];
        using Process omgd = OmgdChild.Start(["--socket", _paths.Socket, "--root", Fixtures.Root("basic"), .. args]);
        try
        {
            string? line;
            while ((line = await omgd.StandardOutput.ReadLineAsync()) is not null && !line.Contains("listening on", StringComparison.Ordinal))
            {
            }

            Assert.NotNull(line);
            using JsonDocument entry = JsonDocument.Parse(line);
            JsonElement root = entry.RootElement;
            Assert.Equal("Information", root.GetProperty("LogLevel").GetString());
            Assert.Equal("Omg.Daemon.Hosting.SocketServer", root.GetProperty("Category").GetString());
            Assert.StartsWith("omgd listening on " + _paths.Socket, root.GetProperty("Message").GetString(), StringComparison.Ordinal);
            Assert.Equal(_paths.Socket, root.GetProperty("State").GetProperty("Path").GetString());
            Assert.EndsWith("Z", root.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            KillIfRunning(omgd);
        }
    }

    [Fact]
    public async Task Directories_made_for_the_socket_are_0700_whatever_the_umask()
    {
        // umask 0, as some service managers and container runtimes leave it: mkdir alone would make them 0777.
        string socket = Path.Combine(_paths.Directory, "run", "omg", "omg.sock");
        var start = new ProcessStartInfo("/bin/sh", ["-c", "umask 000; exec dotnet \"$0\" --socket \"$1\" --root \"$2\"", OmgdChild.Dll, socket, Fixtures.Root("basic")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("OMG_SOCKET");
        using Process omgd = Process.Start(start)!;
        try
        {
            await OmgdChild.WaitForSocketAsync(socket, omgd);
            const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_paths.Directory, "run")));
            Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_paths.Directory, "run", "omg")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
        }
        finally
        {
            KillIfRunning(omgd);
        }
    }

    // Marks that it started (so the test signals omgd only once the request is really running), sleeps, answers.
    private void SlowModule(int seconds)
    {
        string path = Path.Combine(Modules, "t", "slow");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"#!/bin/sh\ncat >/dev/null\ntouch '{Started}'\nsleep {seconds}\necho '{{\"retcode\": 0, \"message\": \"slept\"}}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task<string> ReceiveAsync(Socket notify)
    {
        byte[] buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int n = await notify.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    // A bound on how long the test waits, not a timing assertion: omgd that never exits fails here, not by hanging.
    private static async Task WaitForExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    private static void KillIfRunning(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
