using System.Diagnostics;
using System.Text.Json;
using Omg.Cli;
using Omg.Client;
using Omg.Daemon.Tests.Support;
using Omg.Packages.Tests.Debian;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.EndToEnd;

/// <summary>The client library and the omg CLI against the real omgd.</summary>
public sealed class ClientEndToEndTests
{
    private static string OmgdDll => Path.Combine(AppContext.BaseDirectory, "omgd.dll");

    [Fact]
    public async Task The_client_reconnects_after_the_daemon_restarts()
    {
        using var paths = new TestPaths();
        InProcessDaemon first = await InProcessDaemon.StartAsync(paths, withPackages: true);
        await using var client = new OmgClient(new OmgClientOptions { SocketPath = paths.Socket, AutoStart = false });
        Assert.Equal("pong", await client.PingAsync());
        await first.StopAsync();

        await using InProcessDaemon second = await InProcessDaemon.StartAsync(paths, withPackages: true);
        Assert.Equal("pong", await client.PingAsync());
        SearchResult search = await client.SearchAsync("again");
        Assert.Equal("again", search.Packages[0].Name);
    }

    [Fact]
    public async Task Two_racing_clients_auto_start_one_real_omgd()
    {
        using var paths = new TestPaths();
        string state = Path.Combine(paths.Directory, "state");
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", state);
        var options = new OmgClientOptions
        {
            SocketPath = paths.Socket,
            DaemonPath = OmgdDll,
            DaemonArguments = ["--root", Fixtures.Root("basic")],
            StartTimeout = TimeSpan.FromSeconds(30),
        };
        await using var a = new OmgClient(options);
        await using var b = new OmgClient(options);
        Task<MetricsResult>[] racing = [a.MetricsAsync(), b.MetricsAsync()];
        MetricsResult[] metrics = await Task.WhenAll(racing);
        try
        {
            Assert.Equal(metrics[0].Pid, metrics[1].Pid);
            Assert.NotEqual((ulong)Environment.ProcessId, metrics[0].Pid);
            StatusResult status = await a.StatusAsync();
            Assert.True(status.TotalPackages > 0);
            Assert.Single(Process.GetProcesses(), p => IsOmgdFor(p, paths.Socket));
            Assert.True(File.Exists(Path.Combine(state, "omg", "omgd.log")));
        }
        finally
        {
            using Process kill = Process.Start("kill", ["-TERM", metrics[0].Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_cli_reports_status_as_json_and_exit_codes_from_a_real_daemon()
    {
        await using BackendDaemon daemon = await BackendDaemon.StartAsync(Fixtures.Root("basic"));
        using var apt = new AptOracle(Fixtures.Root("basic"));

        var output = new StringWriter();
        var errors = new StringWriter();
        int code = await CliApp.RunAsync(["status", "--json", "--socket", daemon.Socket, "--no-autostart"], new CliConsole(output, errors, null));
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output.ToString());
        Assert.Equal(apt.Upgradable().Count, json.RootElement.GetProperty("updates_available").GetInt32());

        var missingOut = new StringWriter();
        var missingErr = new StringWriter();
        Assert.Equal(1, await CliApp.RunAsync(["info", "vmi", "--socket", daemon.Socket, "--no-autostart"], new CliConsole(missingOut, missingErr, null)));
        Assert.Contains("PACKAGE_NOT_FOUND", missingErr.ToString(), StringComparison.Ordinal);

        var tableOut = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["search", "vim", "--socket", daemon.Socket, "--no-autostart"], new CliConsole(tableOut, new StringWriter(), 120)));
        Assert.Contains("vim-tiny", tableOut.ToString(), StringComparison.Ordinal);
    }

    private static bool IsOmgdFor(Process process, string socket)
    {
        try
        {
            string commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
            return commandLine.Contains("omgd", StringComparison.Ordinal) && commandLine.Contains(socket, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
