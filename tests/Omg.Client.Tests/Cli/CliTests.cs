using System.Text.Json;
using Omg.Protocol.Messages;

namespace Omg.Client.Tests.Cli;

public sealed class CliTests : CannedDaemonCli
{
    [Fact]
    public async Task Ping_answers_with_pong_and_the_socket()
    {
        CliRun run = await Omg("ping");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"pong from {Daemon.SocketPath} in ", run.Out);
    }

    [Fact]
    public async Task Search_prints_an_aligned_table_and_how_many_matched()
    {
        CliRun run = await Omg("search", "vim", "--limit", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["NAME", "VERSION", "SOURCE", "INSTALLED", "DESCRIPTION"], run.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vim       2:9.0.1378-2  apt     yes        Vi IMproved - enhanced vi editor", run.Lines[1]);
        Assert.StartsWith("vim-tiny  2:9.0.1378-2  apt                Vi IMproved", run.Lines[2]);
        Assert.Equal(run.Lines[0].IndexOf("DESCRIPTION", StringComparison.Ordinal), run.Lines[3].IndexOf("heavily", StringComparison.Ordinal));
        Assert.Equal("(3 of 8 matches; --limit shows more)", run.Lines[^1]);
        Assert.Equal(5UL, Assert.IsType<SearchRequest>(Assert.Single(Daemon.Received)).Limit);
    }

    [Fact]
    public async Task Search_takes_several_words_unquoted_as_one_query()
    {
        CliRun run = await Omg("search", "vim", "editor", "-n", "2");

        Assert.Equal(0, run.ExitCode);
        SearchRequest sent = Assert.IsType<SearchRequest>(Assert.Single(Daemon.Received));
        Assert.Equal("vim editor", sent.Query);
        Assert.Equal(2UL, sent.Limit);
    }

    [Fact]
    public async Task Search_sends_the_sources_to_filter_by_and_none_without_the_option()
    {
        await Omg("search", "ssl", "--source", "pypi", "-s", "n*");
        await Omg("search", "ssl");

        Request[] received = [.. Daemon.Received];
        Assert.Equal(2, received.Length);
        Assert.Equal(["pypi", "n*"], Assert.IsType<SearchRequest>(received[0]).Sources);
        Assert.Null(Assert.IsType<SearchRequest>(received[1]).Sources);
    }

    [Fact]
    public async Task Search_asks_for_installed_packages_only_with_the_option()
    {
        await Omg("search", "ssl", "--installed");
        await Omg("search", "ssl", "-i", "-s", "apt");
        await Omg("search", "ssl");

        SearchRequest[] received = [.. Daemon.Received.Cast<SearchRequest>()];
        Assert.Equal([true, true, false], received.Select(r => r.Installed).ToArray());
        Assert.Equal(["apt"], received[1].Sources);
    }

    [Fact]
    public async Task Search_without_matches_says_so_instead_of_an_empty_table()
    {
        CliRun run = await Omg("search", "nomatch");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["(no matches)"], run.Lines);
    }

    [Fact]
    public async Task Tables_are_cut_to_the_terminal_width()
    {
        CliRun run = await CliRun.RunAsync(50, "--socket", Daemon.SocketPath, "search", "vim");

        Assert.All(run.Lines, line => Assert.True(line.Length <= 50, line));
        Assert.Contains(run.Lines, line => line.EndsWith('…'));
    }

    [Fact]
    public async Task Updates_at_80_columns_keep_every_column_and_whole_versions()
    {
        Daemon.Handler = request => Task.FromResult<Response?>(request switch
        {
            StatusRequest => new SuccessResponse(request.Id, new StatusResult { Upgradable = ["libnghttp2-14", "curl"] }),
            InfoRequest info => new SuccessResponse(request.Id, new DetailedPackageInfo
            {
                Name = info.Package,
                Version = "7.88.1-10+deb12u12",
                Description = "a package",
                Source = "apt",
                Size = 522240,
                Repo = "bookworm-security/main",
                InstalledVersion = "7.88.1-10+deb12u8",
                CandidateVersion = "7.88.1-10+deb12u12",
            }),
            _ => TestDaemon.Canned(request),
        });

        CliRun run = await CliRun.RunAsync(80, "--socket", Daemon.SocketPath, "updates");

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Lines, line => Assert.True(line.Length <= 80, line));
        Assert.Equal(["NAME", "INSTALLED", "CANDIDATE", "SIZE", "REPO"], run.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["libnghttp2-14", "7.88.1-10+deb12u8", "7.88.1-10+deb12u12", "510.0", "KiB", "bookworm-secur…"], run.Lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Status_lists_every_runtime_on_a_line_of_its_own()
    {
        (string, string)[] runtimes = [("python", "3.11.2"), ("node", "18.19.0"), ("ruby", "3.1.2p20"), ("go", "1.19.8"), ("java", "17.0.13+11-Debian-2deb12u1"), ("perl", "5.36.0"), ("dotnet", "10.0.100-rc.2.25502.107")];
        Daemon.Handler = request => Task.FromResult<Response?>(new SuccessResponse(request.Id, new StatusResult { RuntimeVersions = runtimes }));

        CliRun run = await CliRun.RunAsync(80, "--socket", Daemon.SocketPath, "status");

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Lines, line => Assert.True(line.Length <= 80, line));
        int first = Array.FindIndex(run.Lines, l => l.StartsWith("Runtimes:", StringComparison.Ordinal));
        string column = new(' ', run.Lines[first].IndexOf("python", StringComparison.Ordinal));
        Assert.Equal(runtimes.Select(r => $"{r.Item1} {r.Item2}"), run.Lines[first..].Select(l => l.Trim().Replace("Runtimes:", string.Empty, StringComparison.Ordinal).Trim()));
        Assert.All(run.Lines[(first + 1)..], l => Assert.StartsWith(column, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_json_has_the_protocol_fields()
    {
        JsonElement json = (await Omg("--json", "search", "vim")).Json();

        Assert.Equal(3UL, json.GetProperty("total").GetUInt64());
        JsonElement first = json.GetProperty("packages")[0];
        Assert.Equal("vim", first.GetProperty("name").GetString());
        Assert.Equal("2:9.0.1378-2", first.GetProperty("version").GetString());
        Assert.True(first.GetProperty("installed").GetBoolean());
        Assert.False(json.GetProperty("packages")[1].GetProperty("installed").GetBoolean());
    }

    [Fact]
    public async Task Info_with_many_names_sends_one_batch_and_reports_the_missing_one()
    {
        CliRun run = await Omg("info", "vim", "nosuch", "curl");

        Assert.Equal(1, run.ExitCode);
        Assert.IsType<BatchRequest>(Assert.Single(Daemon.Received));
        Assert.Contains("Name:           vim", run.Out);
        Assert.Contains("Name:           curl", run.Out);
        Assert.True(run.Out.IndexOf("vim", StringComparison.Ordinal) < run.Out.IndexOf("curl", StringComparison.Ordinal));
        Assert.Contains("PACKAGE_NOT_FOUND (-1001): nosuch: package 'nosuch' not found", run.Error);
    }

    [Fact]
    public async Task Info_json_lists_packages_and_errors_in_order()
    {
        CliRun run = await Omg("--json", "info", "curl", "nosuch");
        JsonElement json = run.Json();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, json.GetArrayLength());
        Assert.Equal("bookworm/main", json[0].GetProperty("repo").GetString());
        Assert.Equal(["libc6"], json[0].GetProperty("depends").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("nosuch", json[1].GetProperty("name").GetString());
        Assert.Equal("PACKAGE_NOT_FOUND", json[1].GetProperty("error").GetProperty("name").GetString());
        Assert.Equal(-1001, json[1].GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task An_audit_that_could_not_run_exits_2_with_the_error_name_on_stderr()
    {
        // npm audit's convention, which omg audit follows: 1 is "findings", so "could not audit" must be another code.
        Daemon.Handler = request => Task.FromResult<Response?>(new ErrorResponse(request.Id, Protocol.ErrorCodes.AdvisoryDataUnavailable, "no advisory data loaded"));

        CliRun run = await Omg("audit");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains("ADVISORY_DATA_UNAVAILABLE", run.Error);
    }

    [Fact]
    public async Task An_unreachable_daemon_exits_3_naming_the_socket()
    {
        string missing = TestDaemon.NewSocketPath();

        CliRun run = await CliRun.RunAsync("--socket", missing, "--no-autostart", "--json", "status");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(missing, run.Error);
        Assert.Equal("DAEMON_UNAVAILABLE", run.Json().GetProperty("error").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Status_runtimes_metrics_audit_and_modules_print_their_results()
    {
        Assert.Contains("Installed packages:    1234", (await Omg("status")).Out);
        Assert.StartsWith("python  3.11.2   system   yes      /usr/bin/python3", (await Omg("runtimes")).Lines[1]);
        Assert.Contains("Version:           0.1.0-test", (await Omg("metrics")).Out);
        CliRun audit = await Omg("audit");
        Assert.StartsWith("1 vulnerabilities, 1 of high severity, in 1 packages", audit.Out);
        Assert.Matches(@"^openssl\s+-\s+CVE-2024-0001\s+9\.8\b.*bad bug", audit.Lines[^1]);
        Assert.Equal(["vim", "vim-tiny"], (await Omg("suggest", "vmi")).Lines);
        Assert.Contains("/tmp/osv.json: 10 advisories for 5 packages", (await Omg("update-advisories", "/tmp/osv.json")).Out);
    }

    [Fact]
    public async Task Updates_lists_the_upgradable_packages_with_versions_from_one_batch()
    {
        CliRun run = await Omg("updates");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["NAME", "INSTALLED", "CANDIDATE", "SIZE", "REPO"], run.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["curl", "1.0-1", "1.0-1", "4.0", "KiB", "bookworm/main"], run.Lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["nosuch-lib", "?", "?", "?"], run.Lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("PACKAGE_NOT_FOUND", run.Error, StringComparison.Ordinal);
        Request[] received = [.. Daemon.Received];
        Assert.IsType<StatusRequest>(received[0]);
        Assert.Equal(["curl", "nosuch-lib"], Assert.IsType<BatchRequest>(received[1]).Requests.Select(r => Assert.IsType<InfoRequest>(r).Package));
    }

    [Fact]
    public async Task Orphans_says_when_there_are_none_without_a_second_request()
    {
        CliRun run = await Omg("orphans");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["(no orphans)"], run.Lines);
        Assert.IsType<StatusRequest>(Assert.Single(Daemon.Received));
        Assert.Equal(0, (await Omg("--json", "orphans")).Json().GetArrayLength());
    }

    [Fact]
    public async Task Json_output_of_the_other_verbs_is_valid_and_keyed_by_protocol_names()
    {
        Assert.Equal(1234UL, (await Omg("--json", "status")).Json().GetProperty("total_packages").GetUInt64());
        Assert.Equal("3.11.2", (await Omg("--json", "status")).Json().GetProperty("runtime_versions").GetProperty("python").GetString());
        Assert.Equal("nosuch-lib", (await Omg("--json", "status")).Json().GetProperty("upgradable")[1].GetString());
        Assert.Equal(0, (await Omg("--json", "status")).Json().GetProperty("orphans").GetArrayLength());
        Assert.True((await Omg("--json", "runtimes")).Json()[0].GetProperty("is_default").GetBoolean());
        Assert.Equal(42UL, (await Omg("--json", "metrics")).Json().GetProperty("uptime_seconds").GetUInt64());
        Assert.Equal(9.8m, (await Omg("--json", "audit")).Json().GetProperty("vulnerabilities")[0].GetProperty("score").GetDecimal());
        Assert.Equal("vim-tiny", (await Omg("--json", "suggest", "vmi")).Json()[1].GetString());
        Assert.Equal("pong", (await Omg("--json", "ping")).Json().GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Daemon_status_shows_pid_version_and_uptime()
    {
        CliRun run = await Omg("daemon", "status");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Reachable:  yes", run.Out);
        Assert.Contains($"Pid:        {Environment.ProcessId}", run.Out);
        Assert.Contains("Version:    0.1.0-test", run.Out);
        Assert.Contains("Uptime:     00:00:42", run.Out);
    }

    [Fact]
    public async Task Daemon_status_of_a_stopped_daemon_exits_3()
    {
        string missing = TestDaemon.NewSocketPath();

        CliRun run = await CliRun.RunAsync("--socket", missing, "--json", "daemon", "status");

        Assert.Equal(3, run.ExitCode);
        Assert.False(run.Json().GetProperty("reachable").GetBoolean());
        Assert.Equal(missing, run.Json().GetProperty("socket").GetString());
    }

    [Fact]
    public async Task Daemon_stop_refuses_to_signal_its_own_process()
    {
        CliRun run = await Omg("daemon", "stop");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"pid {Environment.ProcessId}, which will not be signalled", run.Error);
    }
}
