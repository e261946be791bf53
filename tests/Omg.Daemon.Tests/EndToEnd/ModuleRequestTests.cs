using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Omg.Daemon.Hosting;
using Omg.Daemon.Tests.Support;
using Omg.Protocol;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.EndToEnd;

/// <summary>Module and Modules over the socket, with real module processes written by the tests.</summary>
public sealed class ModuleRequestTests : IAsyncLifetime
{
    private readonly TestPaths _paths = new();
    private IHost? _host;

    private string Root => Path.Combine(_paths.Directory, "modules");

    private string Sharelib => Path.Combine(_paths.Directory, "sharelib");

    private string Marker => Path.Combine(_paths.Directory, "checked.ran");

    private string Lifetimes => Path.Combine(_paths.Directory, "counted.log");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Root, "test"));
        // Echoes the request it read back as its data, with a log line and a warning.
        Module("test/echo", """
            import json, sys
            req = json.load(sys.stdin)
            print(json.dumps({"retcode": 0, "message": "echoed", "warning": ["careful"], "data": {"request": req, "__sysinspect-module-logs": ["read the request"]}}))
            """);
        Module("test/fail", """
            import json, sys
            sys.stdin.read()
            print(json.dumps({"retcode": 3, "message": "no such process", "data": {"pid": 42}}))
            """);
        Module("test/sleepy", "import time\ntime.sleep(30)\n");
        // Writes its pid where the request says, then hangs.
        Module("test/pidhang", "import json, os, sys, time\nreq = json.load(sys.stdin)\nopen(req['arguments']['pidfile'], 'w').write(str(os.getpid()))\ntime.sleep(300)\n");
        Module("test/junk", "print('this is not json')\n");
        Module("test/noretcode", "import json\nprint(json.dumps({'message': 'x'}))\n");
        // Executable by its mode, but its #! names no interpreter that exists.
        File.WriteAllText(Path.Combine(Root, "test/nointerpreter"), "#!/nonexistent/interpreter\n");
        File.SetUnixFileMode(Path.Combine(Root, "test/nointerpreter"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Answers after a while, longer than the daemon's check for a closed peer takes.
        Module("test/slowecho", "import json, sys, time\nsys.stdin.read()\ntime.sleep(1)\nprint(json.dumps({'retcode': 0, 'message': 'slept'}))\n");
        // Never reads stdin, answers at once.
        Module("test/deaf", "import json\nprint(json.dumps({'retcode': 0, 'message': 'did not listen'}))\n");
        File.WriteAllText(Path.Combine(Root, "test/echo.mod_doc.yaml"), "name: echo\nversion: \"1.2\"\ndescription: Echo the request\n");
        // A module with a full doc that leaves a mark when it runs: a call its doc refuses must never spawn it.
        Module("test/checked", $"import json, sys\nreq = json.load(sys.stdin)\nopen({JsonSerializer.Serialize(Marker)}, 'a').write('ran\\n')\nprint(json.dumps({{'retcode': 0, 'message': 'checked', 'data': req['arguments']}}))\n");
        File.WriteAllText(Path.Combine(Root, "test/checked.mod_doc.yaml"), """
            name: checked
            version: "2.0"
            author: Omg tests
            description: Takes a mask and a count
            arguments:
              - name: mask
                type: string
                required: true
                description: Globbing mask
              - name: count
                type: int
                default: 1
            options:
              - name: verbose
                description: Say more
            examples:
              - description: Every text file
                code: omg module test.checked --arg mask=*.txt
            returns: the arguments it was given
            """);
        // Logs its start and end (one append each, atomic for lines this short) around a hold long enough for the
        // queued calls to pile up, then answers with the request it read.
        ShModule("test/counted", $"req=$(cat)\necho \"start $$\" >> {Lifetimes}\nsleep 0.3\necho \"end $$\" >> {Lifetimes}\n"
            + "printf '{\"retcode\": 0, \"message\": \"counted\", \"data\": {\"request\": %s}}\\n' \"$req\"\n");
        Module("test/baddoc", "print('{\"retcode\": 0, \"message\": \"x\"}')\n");
        File.WriteAllText(Path.Combine(Root, "test/baddoc.mod_doc.yaml"), "arguments: [unclosed\n");

        // A py3 module in a sharelib of the test's own, as SysInspect lays them out.
        string scripts = Path.Combine(Sharelib, "lib", "runtime", "python3");
        Directory.CreateDirectory(scripts);
        File.WriteAllText(Path.Combine(scripts, "adder.py"), "def run(req):\n    args = req.get('args', {})\n    return {'sum': args.get('a', 0) + args.get('b', 0)}\n");
        File.WriteAllText(Path.Combine(scripts, "broken.py"), "def run(req):\n    raise ValueError('no such thing')\n");
        File.WriteAllText(Path.Combine(scripts, "typed.py"), """
            doc = {
                "name": "typed",
                "version": "0.3",
                "author": "Omg tests",
                "description": "Doubles a number",
                "arguments": [{"name": "n", "type": "int", "required": True, "description": "The number"}],
                "options": [{"name": "loud", "description": "Shout"}],
                "examples": [{"description": "Double 2", "code": "omg module py3.typed --arg n=2"}],
                "returns": {"description": "The double", "sample": {"double": 4}},
            }

            def run(req):
                return {"double": req["args"]["n"] * 2}
            """);

        _host = DaemonHost.CreateBuilder(["--socket", _paths.Socket, "--root", "/", $"--Modules:Roots:0={Root}", $"--Modules:Sharelib={Sharelib}"]).Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _paths.Dispose();
    }

    [Fact]
    public async Task The_contract_reaches_the_module_with_aliases_ext_and_host_traits()
    {
        ModuleResult result = await RunAsync("test.echo", """{"args": {"mask": "*.txt"}, "opts": ["verbose"], "trace_id": "req-42", "ext": {"trace_id": "old", "kept": 1}}""");
        Assert.Equal(0, result.Retcode);
        Assert.Equal("echoed", result.Message);
        Assert.Equal(["careful"], result.Warning);
        Assert.Equal(["read the request"], result.Logs);
        using JsonDocument data = JsonDocument.Parse(MessagePackJson.ToJson(result.Data));
        JsonElement request = data.RootElement.GetProperty("request");
        Assert.Equal("*.txt", request.GetProperty("arguments").GetProperty("mask").GetString());
        Assert.Equal("verbose", request.GetProperty("options")[0].GetString());
        Assert.Equal("req-42", request.GetProperty("ext").GetProperty("trace_id").GetString());
        Assert.Equal(1, request.GetProperty("ext").GetProperty("kept").GetInt32());
        // The online CPUs as the kernel lists them, not Environment.ProcessorCount: that one follows the
        // process's affinity and cgroup quota, which a CI container may set lower than the machine's count.
        Assert.Equal(OnlineCpus(), request.GetProperty("host").GetProperty("traits").GetProperty("hardware.cpu.total").GetInt32());
        Assert.Equal(Environment.MachineName, request.GetProperty("host").GetProperty("traits").GetProperty("system.hostname").GetString());
        Assert.False(data.RootElement.TryGetProperty("__sysinspect-module-logs", out _));
    }

    [Theory]
    [InlineData("test..echo", """{}""", ErrorCodes.InvalidParams, "name")]
    [InlineData("../etc", """{}""", ErrorCodes.InvalidParams, "name")]
    [InlineData("test.echo", """{"args": {}, "arguments": {}}""", ErrorCodes.InvalidParams, "alias")]
    [InlineData("test.echo", """{"arguments": {"rt.mod": "x"}}""", ErrorCodes.InvalidParams, "rt.mod")]
    [InlineData("test.echo", """{"options": "verbose"}""", ErrorCodes.InvalidParams, "options")]
    [InlineData("test.nosuch", """{}""", ErrorCodes.ModuleNotFound, "test.nosuch")]
    [InlineData("test.junk", """{}""", ErrorCodes.ModuleFailed, "not valid JSON")]
    [InlineData("test.noretcode", """{}""", ErrorCodes.ModuleFailed, "retcode")]
    [InlineData("test.nointerpreter", """{}""", ErrorCodes.ModuleFailed, "cannot be started: ")]
    public async Task Bad_calls_and_bad_answers_are_errors_that_say_why(string name, string request, int code, string says)
    {
        ErrorResponse error = await FailAsync(name, request);
        Assert.Equal(code, error.Code);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_module_past_its_timeout_is_killed()
    {
        ErrorResponse error = await FailAsync("test.sleepy", "{}", timeoutMs: 500);
        Assert.Equal(ErrorCodes.ModuleFailed, error.Code);
        Assert.Contains("timed out after 500 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_closes_its_connection_has_its_module_killed_at_once()
    {
        string pidFile = Path.Combine(_paths.Directory, "pidhang.pid");
        var connection = await RawConnection.ConnectAsync(_paths.Socket);
        await connection.SendAsync(new ModuleRequest(1, "test.pidhang", MessagePackJson.Parse("{\"arguments\": {\"pidfile\": " + JsonSerializer.Serialize(pidFile) + "}}")));
        int pid = await WaitForPidAsync(pidFile);
        Assert.True(ProcessState.IsRunning(pid), "the module runs");

        await connection.DisposeAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (ProcessState.IsRunning(pid) && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.False(ProcessState.IsRunning(pid), $"module {pid} still runs {watch.Elapsed.TotalSeconds:0.0} s after its client closed");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"killed only after {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_client_that_only_half_closes_still_gets_its_answer()
    {
        await using var connection = await RawConnection.ConnectAsync(_paths.Socket);
        await connection.SendAsync(new ModuleRequest(1, "test.slowecho", MessagePackJson.Parse("{}")));
        connection.ShutdownSend();
        var answer = Assert.IsType<SuccessResponse>(await connection.ReceiveAsync());
        Assert.Equal("slept", Assert.IsType<ModuleResult>(answer.Result).Message);
    }

    [Fact]
    public async Task A_non_zero_retcode_comes_back_with_its_message_and_data()
    {
        ModuleResult result = await RunAsync("test.fail", "{}");
        Assert.Equal(3, result.Retcode);
        Assert.Equal("no such process", result.Message);
        Assert.Contains("42", MessagePackJson.ToJson(result.Data), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_module_that_never_reads_a_large_request_still_answers()
    {
        string big = JsonSerializer.Serialize(new string('x', 600_000));
        ModuleResult result = await RunAsync("test.deaf", "{\"payload\": " + big + "}");
        Assert.Equal("did not listen", result.Message);
    }

    [Fact]
    public async Task Modules_lists_the_roots_with_their_docs()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(_paths.Socket);
        var modules = Assert.IsType<ModulesResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new ModulesRequest(1))).Result);
        ModuleInfo echo = Assert.Single(modules.Modules, m => m.Name == "test.echo");
        Assert.Equal("1.2", echo.Version);
        Assert.Equal("Echo the request", echo.Description);
        Assert.Contains(modules.Modules, m => m.Name == "test.sleepy");
        Assert.DoesNotContain(modules.Modules, m => m.Name.EndsWith("mod_doc.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Modules_lists_every_doc_field_and_a_bad_doc_leaves_the_module_listed_without_one()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(_paths.Socket);
        var modules = Assert.IsType<ModulesResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new ModulesRequest(1))).Result);
        ModuleInfo info = Assert.Single(modules.Modules, m => m.Name == "test.checked");
        Assert.Equal(("2.0", "Omg tests", "Takes a mask and a count", "the arguments it was given"), (info.Version, info.Author, info.Description, info.Returns));
        Assert.Equal([new ModuleArgumentInfo("mask", "string", true, "Globbing mask", null), new ModuleArgumentInfo("count", "int", false, string.Empty, "1")], info.Arguments);
        Assert.Equal(new ModuleOptionInfo("verbose", "Say more"), Assert.Single(info.Options));
        Assert.Equal("Every text file\nomg module test.checked --arg mask=*.txt", Assert.Single(info.Examples));

        ModuleInfo bad = Assert.Single(modules.Modules, m => m.Name == "test.baddoc");
        Assert.Equal((string.Empty, 0), (bad.Version, bad.Arguments.Count));
        Assert.Equal("x", (await RunAsync("test.baddoc", "{}")).Message);
    }

    [Fact]
    public async Task Py3_modules_are_listed_with_their_doc_and_checked_against_it()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(_paths.Socket);
        var modules = Assert.IsType<ModulesResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new ModulesRequest(1))).Result);
        ModuleInfo typed = Assert.Single(modules.Modules, m => m.Name == "py3.typed");
        Assert.Equal(("0.3", "Omg tests", "Doubles a number", "The double"), (typed.Version, typed.Author, typed.Description, typed.Returns));
        Assert.Equal(new ModuleArgumentInfo("n", "int", true, "The number", null), Assert.Single(typed.Arguments));
        Assert.Equal("loud", Assert.Single(typed.Options).Name);
        Assert.EndsWith("lib/runtime/python3/typed.py", typed.Path, StringComparison.Ordinal);
        Assert.Contains(modules.Modules, m => m.Name == "py3.adder" && m.Arguments.Count == 0);

        Assert.Contains("needs the argument 'n'", (await FailAsync("py3.typed", "{}")).Message, StringComparison.Ordinal);
        Assert.Contains("argument 'n' must be an int", (await FailAsync("py3.typed", """{"args": {"n": "two"}}""")).Message, StringComparison.Ordinal);
        Assert.Contains("no option 'quiet'", (await FailAsync("py3.typed", """{"args": {"n": 2}, "opts": ["quiet"]}""")).Message, StringComparison.Ordinal);
        ModuleResult doubled = await RunAsync("py3.typed", """{"args": {"n": 21}, "opts": ["loud", "rt.logs"]}""");
        Assert.Contains("\"double\":42", MessagePackJson.ToJson(doubled.Data), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""", "needs the argument 'mask'")]
    [InlineData("""{"arguments": {"mask": "*", "colour": "red"}}""", "has no argument 'colour'")]
    [InlineData("""{"args": {"mask": "*", "count": "three"}}""", "argument 'count' must be an int")]
    [InlineData("""{"arguments": {"mask": "*"}, "options": ["loud"]}""", "has no option 'loud'")]
    public async Task A_call_its_doc_refuses_is_invalid_params_and_never_spawns_the_module(string request, string says)
    {
        ErrorResponse error = await FailAsync("test.checked", request);
        Assert.Equal(ErrorCodes.InvalidParams, error.Code);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Marker), "the module ran");
    }

    [Fact]
    public async Task A_call_that_fits_its_doc_runs_with_numbers_for_strings_passed_as_text()
    {
        ModuleResult result = await RunAsync("test.checked", """{"arguments": {"mask": 1.5, "count": 2}, "options": ["verbose", "rt.logs"]}""");
        Assert.Equal("checked", result.Message);
        Assert.Equal("""{"mask":"1.5","count":2}""", MessagePackJson.ToJson(result.Data));
    }

    [Fact]
    public async Task A_py3_module_runs_through_the_dispatcher()
    {
        ModuleResult result = await RunAsync("py3.adder", """{"args": {"a": 2, "b": 5}}""");
        Assert.Equal(0, result.Retcode);
        using JsonDocument data = JsonDocument.Parse(MessagePackJson.ToJson(result.Data));
        Assert.Equal(7, data.RootElement.GetProperty("data").GetProperty("sum").GetInt32());

        ModuleResult broken = await RunAsync("py3.broken", "{}");
        Assert.NotEqual(0, broken.Retcode);
        Assert.Contains("no such thing", broken.Message, StringComparison.Ordinal);

        Assert.Equal(ErrorCodes.ModuleNotFound, (await FailAsync("py3.nosuch", "{}")).Code);
        Assert.Equal(ErrorCodes.InvalidParams, (await FailAsync("py3.adder", """{"args": {"rt.mod": "other"}}""")).Code);
    }

    [Theory]
    [InlineData("test.echo", 0)]
    [InlineData("test.fail", 3)]
    public async Task Omg_module_exits_with_the_module_retcode(string name, int exitCode)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "omg.dll"), "--socket", _paths.Socket, "--no-autostart", "module", "run", name, "--arg", "mask=*.txt"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var omg = System.Diagnostics.Process.Start(start)!;
        string output = await omg.StandardOutput.ReadToEndAsync();
        await omg.WaitForExitAsync();
        Assert.Equal(exitCode, omg.ExitCode);
        Assert.Contains(exitCode == 0 ? "echoed" : "no such process", output + await omg.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_calls_at_once_all_answer_and_never_more_modules_run_than_the_limit()
    {
        // omgd's default: twice the processor count (ModuleOptions.MaxConcurrent 0).
        int limit = 2 * Environment.ProcessorCount;
        var calls = Enumerable.Range(0, 50).Select(i => RunAsync("test.counted", "{\"arguments\": {\"n\": " + i + "}}")).ToArray();
        ModuleResult[] results = await Task.WhenAll(calls);
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal("counted", results[i].Message);
            using JsonDocument data = JsonDocument.Parse(MessagePackJson.ToJson(results[i].Data));
            Assert.Equal(i, data.RootElement.GetProperty("request").GetProperty("arguments").GetProperty("n").GetInt32());
        }

        // Replay the modules' own log of their lifetimes: each line is written by a live module process.
        string[] lines = await File.ReadAllLinesAsync(Lifetimes);
        Assert.Equal(50, lines.Count(l => l.StartsWith("start ", StringComparison.Ordinal)));
        Assert.Equal(50, lines.Count(l => l.StartsWith("end ", StringComparison.Ordinal)));
        int live = 0;
        int peak = 0;
        foreach (string line in lines)
        {
            live += line.StartsWith("start ", StringComparison.Ordinal) ? 1 : -1;
            peak = Math.Max(peak, live);
        }

        Assert.True(peak <= limit, $"{peak} modules ran at once, the limit is {limit}");
        // The calls did run side by side: the limit is what held them back, not a queue of one.
        Assert.True(peak >= 2, $"at most {peak} module ran at once");
    }

    private static async Task<int> WaitForPidAsync(string pidFile)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out int pid))
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the module did not write {pidFile}");
    }

    private void ShModule(string relative, string body)
    {
        string path = Path.Combine(Root, relative);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private void Module(string relative, string python)
    {
        string path = Path.Combine(Root, relative);
        File.WriteAllText(path, "#!/usr/bin/python3\n" + python);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task<Response> CallAsync(string name, string request, ulong? timeoutMs)
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(_paths.Socket);
        return await connection.CallAsync(new ModuleRequest(1, name, MessagePackJson.Parse(request), timeoutMs));
    }

    private async Task<ModuleResult> RunAsync(string name, string request)
    {
        Response response = await CallAsync(name, request, null);
        Assert.True(response is SuccessResponse, (response as ErrorResponse)?.Message);
        return Assert.IsType<ModuleResult>(((SuccessResponse)response).Result);
    }

    private async Task<ErrorResponse> FailAsync(string name, string request, ulong? timeoutMs = null) =>
        Assert.IsType<ErrorResponse>(await CallAsync(name, request, timeoutMs));

    private static int OnlineCpus()
    {
        using var getconf = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("getconf", "_NPROCESSORS_ONLN") { RedirectStandardOutput = true })!;
        string output = getconf.StandardOutput.ReadToEnd();
        getconf.WaitForExit();
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
