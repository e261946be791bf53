using System.Text.Json;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Client.Tests.Cli;

/// <summary><c>omg module run</c> and <c>omg module list</c> (and the <c>omg modules</c> alias).</summary>
public sealed class ModuleCommandTests : CannedDaemonCli
{
    [Fact]
    public async Task Module_list_prints_the_index_and_modules_is_its_alias()
    {
        CliRun list = await Omg("module", "list");
        CliRun alias = await Omg("modules");

        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["NAME", "VERSION", "DESCRIPTION"], list.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sys.proc  0.1      processes", list.Lines[1]);
        Assert.Equal(list.Out, alias.Out);
        Assert.All(Daemon.Received, r => Assert.IsType<ModulesRequest>(r));
    }

    [Fact]
    public async Task Module_list_json_is_an_array_of_modules()
    {
        JsonElement json = (await Omg("--json", "module", "list")).Json();

        JsonElement module = Assert.Single(json.EnumerateArray());
        Assert.Equal("sys.proc", module.GetProperty("name").GetString());
        Assert.Equal("0.1", module.GetProperty("version").GetString());
        Assert.Equal("/modules/sys/proc", module.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Module_run_sends_arguments_and_options_and_prints_the_data()
    {
        CliRun run = await Omg("--json", "module", "run", "sys.proc", "--arg", "mask=*.txt", "--arg", "depth=2", "--opt", "verbose");
        JsonElement json = run.Json();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("sys.proc", json.GetProperty("module").GetString());
        Assert.Equal(0, json.GetProperty("retcode").GetInt32());
        Assert.Equal("ran sys.proc", json.GetProperty("message").GetString());
        JsonElement data = json.GetProperty("data");
        Assert.Equal("*.txt", data.GetProperty("arguments").GetProperty("mask").GetString());
        Assert.Equal(2, data.GetProperty("arguments").GetProperty("depth").GetInt32());
        Assert.Equal("verbose", data.GetProperty("options")[0].GetString());
        Assert.Equal("sys.proc", Assert.IsType<ModuleRequest>(Assert.Single(Daemon.Received)).Name);
    }

    [Fact]
    public async Task Module_run_request_can_come_from_a_json_file()
    {
        string file = Path.Combine(Path.GetDirectoryName(Daemon.SocketPath)!, "request.json");
        await File.WriteAllTextAsync(file, """{"args": {"mask": "*.log"}, "ext": {"x": true}}""");

        CliRun run = await Omg("module", "run", "sys.proc", "--json-request", file, "--arg", "mask=*.txt");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Retcode:  0", run.Out);
        var sent = Assert.IsType<ModuleRequest>(Assert.Single(Daemon.Received));
        Assert.Equal("*.txt", sent.Arguments["arguments"]?["mask"]?.AsString());
        Assert.Null(sent.Arguments["args"]);
        Assert.True(sent.Arguments["ext"]?["x"]?.AsBoolean());
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    [InlineData(125, 125)]
    [InlineData(126, 125)]
    [InlineData(255, 125)]
    [InlineData(-1, 1)]
    public async Task A_failed_module_sets_the_exit_code_to_its_retcode_within_1_to_125(int retcode, int exitCode)
    {
        Daemon.Handler = request => Task.FromResult<Response?>(new SuccessResponse(request.Id, new ModuleResult(retcode, "no such process", ["careful"], MessagePackValue.Nil, [])));

        CliRun text = await Omg("module", "run", "sys.proc");
        CliRun json = await Omg("--json", "module", "run", "sys.proc");

        Assert.Equal(exitCode, text.ExitCode);
        Assert.Contains("Message:  no such process", text.Out);
        Assert.Contains("omg: warning: careful", text.Error);
        Assert.Equal(exitCode, json.ExitCode);
        Assert.Equal(retcode, json.Json().GetProperty("retcode").GetInt32());
        Assert.Equal("careful", json.Json().GetProperty("warning")[0].GetString());
    }

    [Theory]
    [InlineData("module")]
    [InlineData("module", "run")]
    [InlineData("module", "sys.proc")]
    [InlineData("module", "run", "sys.proc", "--arg", "novalue")]
    public async Task Misused_module_commands_exit_2_without_asking_omgd(params string[] args)
    {
        CliRun run = await Omg(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("omg: ", run.Error);
        Assert.Empty(Daemon.Received);
    }
}
