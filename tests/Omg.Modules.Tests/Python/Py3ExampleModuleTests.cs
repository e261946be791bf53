using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Omg.Modules.Python;
using Omg.Modules.Tests.Host;
using Omg.Tests.Shared;

namespace Omg.Modules.Tests.Python;

/// <summary>SysInspect's published example py3 modules, unmodified, behave under Omg as under SysInspect.</summary>
public sealed partial class Py3ExampleModuleTests : IDisposable
{
    private readonly Py3Sharelib share = new();

    public void Dispose() => share.Dispose();

    [GeneratedRegex(@"^\[\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}\] - INFO: \[reader\] Detected OS VERSION: (.+)$")]
    private static partial Regex ReaderLogLine();

    [Fact]
    public void HelloAddsWithItsSitePackagesHelperAndIsWrappedAsSysInspectWrapsIt()
    {
        var result = share.Call("hello", new JsonObject { ["args"] = new JsonObject { ["a"] = 2, ["b"] = 5 } });

        Assert.Equal(0, result.RetCode);
        Assert.Equal("Called Python module successfully.", result.Message);
        // mathx.addmul(a, b) = a + a * b
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"changed": true, "data": {"sum": 12}, "__sysinspect-module-logs": []}"""),
            result.Response["data"]));
    }

    [Fact]
    public void ReaderReturnsTheOsVersionAndItsLogWithRtLogs()
    {
        var version = HostProcess.Output("/bin/sh", "-c", ". /etc/os-release; printf '%s' \"$VERSION\"");
        var result = share.Call("reader", new JsonObject { ["options"] = new JsonArray("rt.logs") });

        Assert.Equal(0, result.RetCode);
        Assert.Equal(version, result.Result!["version"]!.GetValue<string>());
        var line = Assert.Single(result.Logs)!.GetValue<string>();
        var match = ReaderLogLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(version, match.Groups[1].Value);
    }

    [Fact]
    public void WithoutRtLogsTheLogLinesGoToStderrInstead()
    {
        var result = share.Call("reader");

        Assert.Equal(0, result.RetCode);
        Assert.Empty(result.Logs);
        Assert.Contains("INFO: [reader] Detected OS VERSION:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CallerListsADirectoryAsTextOrLines()
    {
        // One level down, so that ".." is a private folder whose listing nothing else changes.
        using var paths = new TestPaths();
        var listed = Directory.CreateDirectory(Path.Combine(paths.Directory, "listed")).FullName;
        File.WriteAllText(Path.Combine(listed, "one.txt"), "1");
        File.WriteAllText(Path.Combine(listed, "two.txt"), "22");
        var ls = HostProcess.Output("ls", "-lah", listed);

        var raw = share.Call("caller", new JsonObject { ["args"] = new JsonObject { ["dir"] = listed } });
        Assert.Equal(0, raw.RetCode);
        Assert.Equal(0, raw.Result!["exit_code"]!.GetValue<int>());
        Assert.Equal($"ls -lah {listed}", raw.Result["command"]!.GetValue<string>());
        Assert.Equal(ls, raw.Result["output"]!.GetValue<string>().Trim());

        var lines = share.Call("caller", new JsonObject
        {
            ["args"] = new JsonObject { ["dir"] = listed },
            ["opts"] = new JsonArray("lines"),
        });
        Assert.Equal(ls.Split('\n'), lines.Result!["output"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void CallerWithoutItsArgumentFailsWithTheExceptionsMessage()
    {
        var result = share.Call("caller");

        Assert.NotEqual(0, result.RetCode);
        Assert.Contains("RuntimeError: argument 'dir' is required", result.Message, StringComparison.Ordinal);
        Assert.Contains("Traceback", result.Stderr, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"changed": false}"""), result.Response["data"]));
    }

    [Fact]
    public void DocsComeFromADictAndFromAFunction()
    {
        var hello = share.Call("hello", Py3Dispatcher.DocRequest("hello", share.Root));
        Assert.Equal(0, hello.RetCode);
        Assert.Equal("Got Python module documentation successfully.", hello.Message);
        var helloDoc = Py3Dispatcher.ReadDoc(hello.Response["data"])!;
        Assert.Equal("hello", helloDoc["name"]!.GetValue<string>());
        Assert.Equal("0.1.0", helloDoc["version"]!.GetValue<string>());
        Assert.Null(helloDoc["changed"]);
        Assert.Equal(["a", "b"], helloDoc["arguments"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.All(helloDoc["arguments"]!.AsArray(), a => Assert.Equal("number", a!["type"]!.GetValue<string>()));

        var caller = share.Call("caller", Py3Dispatcher.DocRequest("caller", share.Root));
        var callerDoc = Py3Dispatcher.ReadDoc(caller.Response["data"])!;
        Assert.Equal("caller", callerDoc["name"]!.GetValue<string>());
        Assert.True(callerDoc["arguments"]![0]!["required"]!.GetValue<bool>());
        Assert.Equal("lines", callerDoc["options"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void TheNoPythonDemoRunsUnderCPythonWithItsHelperPackage()
    {
        var proof = share.Call("nopython", new JsonObject { ["opts"] = new JsonArray("rt.logs") });
        Assert.Equal(0, proof.RetCode);
        Assert.Equal("cpython", proof.Result!["python_runtime"]!.GetValue<string>());
        Assert.Equal("nopykit", proof.Result["helper_module"]!.GetValue<string>());
        Assert.Equal("ValueError", proof.Result["exception_type"]!.GetValue<string>());
        Assert.Equal(2, proof.Logs.Count);

        var sum = share.Call("nopyproof", new JsonObject { ["args"] = new JsonObject { ["a"] = 3, ["b"] = 4 } });
        Assert.Equal(15, sum.Result!["proof"]!.GetValue<int>());
    }

    [Fact]
    public void ListingNamesTheScriptsButNotTheirHelpers()
    {
        var result = Py3Sharelib.Send(Py3Dispatcher.ListRequest(share.Root, withDocs: false).ToJsonString());

        Assert.Equal(0, result.RetCode);
        Assert.Equal("Listed available Python modules successfully.", result.Message);
        Assert.Equal(
            ["caller", "hello", "nopyproof", "nopython", "reader"],
            result.Response["data"]!["modules"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}
