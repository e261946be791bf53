using System.Text.Json;
using Omg.Cli;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Client.Tests.Cli;

public sealed class JsonOutputTests
{
    private static (JsonElement Json, string Error) Render(Action<JsonOutput> write)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        write(new JsonOutput(new CliConsole(stdout, stderr, Width: 20)));
        using JsonDocument document = JsonDocument.Parse(stdout.ToString());
        return (document.RootElement.Clone(), stderr.ToString());
    }

    [Fact]
    public void Module_data_is_written_as_the_json_the_module_sent()
    {
        var data = MessagePackValue.Map(("pids", MessagePackValue.Array(MessagePackValue.From(1L), MessagePackValue.From(2L))), ("ok", MessagePackValue.True), ("note", MessagePackValue.Nil));

        (JsonElement json, _) = Render(o => o.Module("sys.proc", new ModuleResult(0, "done", ["slow"], data, ["started"])));

        Assert.Equal("""{"pids":[1,2],"ok":true,"note":null}""", JsonSerializer.Serialize(json.GetProperty("data")));
        Assert.Equal("slow", json.GetProperty("warning")[0].GetString());
        Assert.Equal("started", json.GetProperty("logs")[0].GetString());
    }

    [Fact]
    public void Unknown_scores_and_missing_daemon_fields_are_null()
    {
        (JsonElement audit, _) = Render(o => o.Audit(new SecurityAuditResult(1, 0, [("zlib", [new Vulnerability("DSA-1", "old", null)])])));
        (JsonElement daemon, _) = Render(o => o.Daemon(new DaemonState(false, "/run/omg.sock", Note: "not running")));

        Assert.Equal(JsonValueKind.Null, audit.GetProperty("vulnerabilities")[0].GetProperty("score").ValueKind);
        Assert.Equal("zlib", audit.GetProperty("vulnerabilities")[0].GetProperty("package").GetString());
        Assert.Equal(JsonValueKind.Null, daemon.GetProperty("pid").ValueKind);
        Assert.Equal(JsonValueKind.Null, daemon.GetProperty("uptime_seconds").ValueKind);
        Assert.Equal("not running", daemon.GetProperty("note").GetString());
    }

    [Fact]
    public void Failures_go_to_stdout_as_json_and_to_stderr_as_a_line()
    {
        (JsonElement json, string error) = Render(o => o.Failure("RATE_LIMITED", -1002, "slow down"));

        Assert.Equal("RATE_LIMITED", json.GetProperty("error").GetProperty("name").GetString());
        Assert.Equal(-1002, json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("omg: RATE_LIMITED (-1002): slow down", error.TrimEnd());
    }

    [Fact]
    public void Json_is_never_cut_to_the_terminal_width()
    {
        (JsonElement json, _) = Render(o => o.Search(new SearchResult([new PackageInfo("a-very-long-package-name", "1", new string('d', 200), "apt")], 1)));

        Assert.Equal(200, json.GetProperty("packages")[0].GetProperty("description").GetString()!.Length);
    }
}
