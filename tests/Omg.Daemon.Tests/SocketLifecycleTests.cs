using System.Diagnostics;
using Omg.Daemon.Hosting;
using Omg.Daemon.Tests.Support;
using Omg.Protocol;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests;

public sealed class SocketLifecycleTests
{
    [Fact]
    public async Task The_socket_is_mode_0600()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(daemon.Socket));
    }

    [Fact]
    public async Task A_stale_socket_file_is_removed_and_replaced()
    {
        using var paths = new TestPaths();
        // .NET unlinks socket files it bound when it disposes them, so a crashed daemon is played by Python.
        using (Process python = Process.Start("/usr/bin/python3", ["-c", $"import socket; socket.socket(socket.AF_UNIX).bind('{paths.Socket}')"]))
        {
            await python.WaitForExitAsync();
        }

        Assert.True(File.Exists(paths.Socket));
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(paths, withPackages: false);
        await using RawConnection connection = await daemon.ConnectAsync();
        Assert.IsType<SuccessResponse>(await connection.CallAsync(new PingRequest(1)));
    }

    [Fact]
    public async Task A_second_daemon_on_a_live_socket_refuses_to_start()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        using var other = new TestPaths();
        var builder = DaemonHost.CreateBuilder(["--socket", daemon.Socket], withBackends: false);
        using var host = builder.Build();
        DaemonStartException ex = await Assert.ThrowsAsync<DaemonStartException>(() => host.StartAsync());
        Assert.Contains("already answering", ex.Message, StringComparison.Ordinal);

        // The first daemon is untouched.
        await using RawConnection connection = await daemon.ConnectAsync();
        Assert.IsType<SuccessResponse>(await connection.CallAsync(new PingRequest(1)));
    }

    [Fact]
    public async Task A_socket_path_longer_than_sun_path_holds_is_refused_before_anything_is_made()
    {
        using var paths = new TestPaths();
        // 108 bytes do not fit sun_path with its NUL; 107 do.
        string tooLong = Path.Combine(paths.Directory, "sub", new string('s', 107 - paths.Directory.Length - "/sub/".Length + 1));
        Assert.Equal(108, tooLong.Length);
        using (var host = DaemonHost.CreateBuilder(["--socket", tooLong], withBackends: false).Build())
        {
            DaemonStartException ex = await Assert.ThrowsAsync<DaemonStartException>(() => host.StartAsync());
            Assert.Equal($"socket path {tooLong} is longer than the 107 bytes a Unix socket address holds", ex.Message);
        }

        Assert.False(Directory.Exists(Path.Combine(paths.Directory, "sub")));

        string longest = tooLong[..^1];
        using var served = DaemonHost.CreateBuilder(["--socket", longest], withBackends: false).Build();
        await served.StartAsync();
        try
        {
            await using RawConnection connection = await RawConnection.ConnectAsync(longest);
            Assert.IsType<SuccessResponse>(await connection.CallAsync(new PingRequest(1)));
        }
        finally
        {
            await served.StopAsync();
        }
    }

    [Fact]
    public async Task A_regular_file_at_the_socket_path_is_never_deleted()
    {
        using var paths = new TestPaths();
        await File.WriteAllTextAsync(paths.Socket, "precious");
        DaemonStartException ex = await Assert.ThrowsAsync<DaemonStartException>(() => InProcessDaemon.StartAsync(paths, false));
        Assert.Contains("not a socket", ex.Message, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(paths.Socket));
    }

    [Fact]
    public async Task Stopping_answers_requests_in_flight_then_removes_the_socket()
    {
        InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        await connection.SendAsync(new SearchRequest(5, "slow:700"));
        await Task.Delay(150);
        Task stopping = daemon.StopAsync();
        var answer = Assert.IsType<SuccessResponse>(await connection.ReceiveAsync());
        Assert.Equal(5UL, answer.Id);
        await stopping;
        Assert.False(File.Exists(daemon.Socket));
        await daemon.DisposeAsync();
    }

    [Fact]
    public async Task Stopping_removes_the_socket_file_only_if_it_is_the_one_the_daemon_bound()
    {
        // Someone replaced the daemon's socket file with their own (issue 19: the unreachable one of two racing omgd
        // deleted the live one's socket when it stopped). The stopping daemon must leave the other file alone.
        InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        File.Delete(daemon.Socket);
        using Process other = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(); print('ready', flush=True); sys.stdin.read()", daemon.Socket]) { RedirectStandardInput = true, RedirectStandardOutput = true })!;
        try
        {
            Assert.Equal("ready", await other.StandardOutput.ReadLineAsync());
            await daemon.StopAsync();
            Assert.True(File.Exists(daemon.Socket), "the stopping daemon removed a socket file it did not bind");
            using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            await probe.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(daemon.Socket));
        }
        finally
        {
            other.Kill();
            await other.WaitForExitAsync();
            await daemon.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_client_running_as_another_uid_is_told_why_then_refused()
    {
        // Becoming uid 65534 takes root (setpriv --reuid); a normal user's run shows this as skipped, with why.
        Skip.IfNot(ProcessState.IsRoot(), "playing a client of another uid needs root (setpriv --reuid=65534); this run is not root");
        Skip.IfNot(File.Exists("/usr/bin/setpriv"), "playing a client of another uid needs setpriv (util-linux), not installed here");
        using var paths = new TestPaths();
        File.SetUnixFileMode(paths.Directory, (UnixFileMode)0b111_101_101);
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(paths, withPackages: false);

        // Open the file permissions so only omgd's own check stands between uid 65534 and the daemon.
        File.SetUnixFileMode(daemon.Socket, (UnixFileMode)0b110_110_110);
        // Prints the answer frame's payload as hex, then whether omgd closed the connection after it.
        string script = $$"""
            import socket, struct, sys
            s = socket.socket(socket.AF_UNIX)
            s.connect("{{daemon.Socket}}")
            s.settimeout(5)
            def read(n):
                data = b""
                while len(data) < n:
                    chunk = s.recv(n - len(data))
                    if not chunk:
                        sys.exit("closed after %d of %d bytes" % (len(data), n))
                    data += chunk
                return data
            try:
                s.sendall(bytes.fromhex("0000000b81a450696e6781a2696409"))
            except (ConnectionResetError, BrokenPipeError):
                pass
            length = struct.unpack(">I", read(4))[0]
            print(read(length).hex())
            print("closed" if s.recv(1) == b"" else "open")
            """;
        var start = new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"python as uid 65534 failed: {error}");
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var refusal = Assert.IsType<ErrorResponse>(MessageCodec.DecodeResponse(Convert.FromHexString(lines[0])));
        Assert.Equal(0UL, refusal.Id);
        Assert.Equal(ErrorCodes.PermissionDenied, refusal.Code);
        Assert.Contains("uid 65534 may not use this omgd", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("closed", lines[1]);

        await using RawConnection own = await daemon.ConnectAsync();
        var metrics = (MetricsResult)((SuccessResponse)await own.CallAsync(new MetricsRequest(1))).Result;
        Assert.Equal(1UL, metrics.RejectedConnections);
    }
}
