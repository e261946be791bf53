using System.Net;
using System.Text.Json.Nodes;
using Omg.Modules.Python;
using Omg.Modules.Requests;

namespace Omg.Modules.Tests.Python;

/// <summary>The dispatcher's contract, on modules written here after SysInspect's own runtime tests.</summary>
public sealed class Py3RuntimeTests : IDisposable
{
    private readonly Py3Sharelib share = new();

    public Py3RuntimeTests()
    {
        share.Write("nested/reader.py", """
            def run(req):
                log.info("nested", req["args"]["name"])
                return {"nested": req["args"]["name"]}

            def doc():
                return {"name": "nested.reader", "description": "Nested reader module", "arguments": [], "options": []}
            """);
        share.Write("site-packages/mathx/helper.py", "def triple(v):\n    return v * 3\n");
        share.Write("importer.py", """
            from mathx import addmul
            from mathx.helper import triple

            doc = {"doc": {"name": "importer", "description": "Importer module"}}

            def run(req):
                return {"addmul": addmul(req["args"]["value"], 2), "tripled": triple(req["args"]["value"])}
            """);
        share.Write("echoreq.py", """
            def run(req):
                return {
                    "keys": sorted(req.keys()),
                    "args": req["args"], "opts": req["opts"], "config": req["config"],
                    "ext": req["ext"], "host": req["host"],
                    "types": {"truth": True, "nothing": None, "items": [1, "two", False, None], "nested": {"value": 3.5}},
                }
            """);
        share.Write("hostecho.py", """
            def run(req):
                return {
                    "hostname": host.trait("system.hostname"), "cpus": host.trait("hardware.cpu.total"),
                    "has_hostname": host.has("system.hostname"), "has_missing": host.has("no.such.trait"),
                    "sharelib": host.path("sharelib"), "paths": host.paths(), "module": __module_name,
                    "packagekit": packagekit.available(),
                }
            """);
        share.Write("noisy.py", """
            import os, subprocess, sys
            print("printed at import")

            def run(req):
                print("printed in run")
                sys.stdout.write("written to sys.stdout\n")
                os.system("echo from a shell child")
                subprocess.run(["echo", "from a subprocess"])
                os.write(1, b"written to fd 1\n")
                return {"quiet": "result"}
            """);
        share.Write("lingering.py", """
            import threading, time

            def run(req):
                threading.Thread(target=time.sleep, args=(3600,)).start()
                return {"left": "a thread"}
            """);
        share.Write("raiser.py", "def run(req):\n    raise ValueError('boom: ' + req['args']['why'])\n");
        share.Write("exiter.py", "import sys\n\ndef run(req):\n    sys.exit(3)\n");
        share.Write("norun.py", "x = 1\n");
        share.Write("badret.py", "def run(req):\n    return set([1, 2, 3])\n");
        share.Write("baddoc.py", "doc = {'description': 'Missing required name field'}\n\ndef run(req):\n    return {}\n");
        share.Write("broken.py", "def run(req)\n    return 1\n");
        share.Write("__pycache__/ignored.py", "x = 1\n");
        share.Write("site-packages/alsoignored.py", "x = 1\n");
    }

    public void Dispose() => share.Dispose();

    [Fact]
    public void ANestedModuleRunsWithItsLogs()
    {
        var result = share.Call("nested.reader", new JsonObject
        {
            ["args"] = new JsonObject { ["name"] = "Germany" },
            ["opts"] = new JsonArray("rt.logs"),
        });

        Assert.Equal(0, result.RetCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"nested": "Germany"}"""), result.Result));
        Assert.EndsWith("- INFO: [nested.reader] nested Germany", Assert.Single(result.Logs)!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void SitePackagesAndItsSubmodulesImport()
    {
        var result = share.Call("importer", new JsonObject { ["arguments"] = new JsonObject { ["value"] = 7 } });

        Assert.Equal(0, result.RetCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"addmul": 21, "tripled": 21}"""), result.Result));
    }

    [Fact]
    public void RunGetsTheFiveSectionsWithoutRtNamesAndTypesIntact()
    {
        var request = JsonNode.Parse("""
            {
              "arguments": {"name": "Germany", "enabled": true, "count": 7},
              "options": ["alpha", "beta", "rt.logs", 5],
              "config": {"custom.flag": "seen"},
              "host": {"traits": {"system.hostname": "py-minion"}, "paths": {"sharelib": "/srv/py-share"}},
              "ext": {"trace_id": "from-ext", "kept": 1},
              "trace_id": "abc-123",
              "payload": {"items": [1, 2, 3]}
            }
            """)!.AsObject();
        var result = share.Call("echoreq", request);

        Assert.Equal(0, result.RetCode);
        var expected = JsonNode.Parse($$$"""
            {
              "keys": ["args", "config", "ext", "host", "opts"],
              "args": {"name": "Germany", "enabled": true, "count": 7},
              "opts": ["alpha", "beta"],
              "config": {"custom.flag": "seen", "path.sharelib": "{{{share.Root}}}"},
              "ext": {"trace_id": "abc-123", "kept": 1, "payload": {"items": [1, 2, 3]}},
              "host": {"traits": {"system.hostname": "py-minion"}, "paths": {"sharelib": "/srv/py-share"}},
              "types": {"truth": true, "nothing": null, "items": [1, "two", false, null], "nested": {"value": 3.5}}
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, result.Result), result.Result!.ToJsonString());
    }

    [Fact]
    public void TheHostHelperReadsTheHostFactsOmgSends()
    {
        var host = HostFacts.Detect(new HostFactsOptions { SharelibPath = share.Root });
        var result = share.Call("hostecho", new JsonObject { ["host"] = host });

        Assert.Equal(0, result.RetCode);
        var data = result.Result!;
        Assert.Equal(Dns.GetHostName(), data["hostname"]!.GetValue<string>());
        Assert.Equal(host["traits"]!["hardware.cpu.total"]!.GetValue<int>(), data["cpus"]!.GetValue<int>());
        Assert.True(data["has_hostname"]!.GetValue<bool>());
        Assert.False(data["has_missing"]!.GetValue<bool>());
        Assert.Equal(share.Root, data["sharelib"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(host["paths"], data["paths"]));
        Assert.Equal("hostecho", data["module"]!.GetValue<string>());
        Assert.False(data["packagekit"]!.GetValue<bool>());
    }

    [Fact]
    public void TheHostHelperToleratesAMissingHost()
    {
        var result = share.Call("hostecho");

        Assert.Equal(0, result.RetCode);
        Assert.Null(result.Result!["hostname"]);
        Assert.False(result.Result["has_hostname"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(new JsonObject(), result.Result["paths"]));
    }

    [Fact]
    public void WhatAModulePrintsGoesToStderrAndNeverIntoTheResponse()
    {
        var result = share.Call("noisy");

        Assert.Equal(0, result.RetCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"quiet": "result"}"""), result.Result));
        foreach (var line in new[] { "printed at import", "printed in run", "written to sys.stdout", "from a shell child", "from a subprocess", "written to fd 1" })
        {
            Assert.Contains(line, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AThreadLeftRunningDoesNotKeepTheDispatcherAlive()
    {
        // Send waits for the process to exit, so returning at all is the point.
        var result = share.Call("lingering");

        Assert.Equal(0, result.RetCode);
        Assert.Equal("a thread", result.Result!["left"]!.GetValue<string>());
    }

    [Fact]
    public void AnExceptionInRunIsAFailureWithItsMessage()
    {
        var result = share.Call("raiser", new JsonObject { ["args"] = new JsonObject { ["why"] = "disk on fire" } });

        Assert.Equal(1, result.RetCode);
        Assert.StartsWith("Failed to execute Python code: ", result.Message, StringComparison.Ordinal);
        Assert.Contains("ValueError: boom: disk on fire", result.Message, StringComparison.Ordinal);
        Assert.Contains("raiser.py", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exiter", "SystemExit: 3")]
    [InlineData("norun", "Python module must export run(req)")]
    [InlineData("badret", "Unable to serialise Python value to JSON")]
    [InlineData("broken", "Unable to compile source code for broken")]
    public void OtherModuleFailuresAreFailuresNamingTheCause(string module, string expected)
    {
        var result = share.Call(module);

        Assert.Equal(1, result.RetCode);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingModuleIsAFailureNamingTheFile()
    {
        var result = share.Call("missing.module");

        Assert.Equal(1, result.RetCode);
        Assert.StartsWith("Failed to read Python module: ", result.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(share.Scripts, "missing", "module.py"), result.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Py3Dispatcher.ScriptFile(share.Root, "missing.module")));
    }

    [Theory]
    [InlineData("""{"arguments": {"rt.mod": "../etc/passwd"}}""", "invalid python module name '../etc/passwd'")]
    [InlineData("""{"arguments": {}}""", "No module name provided. Set 'rt.mod' argument properly.")]
    [InlineData("""{"args": {}, "arguments": {}}""", "both 'arguments' and 'args'")]
    [InlineData("""{"options": "rt.list"}""", "'options' must be a list")]
    [InlineData("""[1, 2]""", "the request must be a JSON object")]
    [InlineData("""not json""", "the request is not valid JSON")]
    [InlineData("", "the request is not valid JSON")]
    public void BadRequestsAreFailuresNotCrashes(string stdin, string expected)
    {
        var result = Py3Sharelib.Send(stdin);

        Assert.Equal(1, result.RetCode);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DocsAreReadFromAWrappedDictAndAFunctionAndChecked()
    {
        var wrapped = share.Call("importer", Py3Dispatcher.DocRequest("importer", share.Root));
        Assert.Equal("importer", Py3Dispatcher.ReadDoc(wrapped.Response["data"])!["name"]!.GetValue<string>());

        var function = share.Call("nested.reader", Py3Dispatcher.DocRequest("nested.reader", share.Root));
        Assert.Equal("Nested reader module", Py3Dispatcher.ReadDoc(function.Response["data"])!["description"]!.GetValue<string>());

        var bad = share.Call("baddoc", Py3Dispatcher.DocRequest("baddoc", share.Root));
        Assert.Equal(1, bad.RetCode);
        Assert.Contains("doc.name is required", bad.Message, StringComparison.Ordinal);

        var none = share.Call("norun", Py3Dispatcher.DocRequest("norun", share.Root));
        Assert.Equal(1, none.RetCode);
        Assert.Contains("doc.name is required", none.Message, StringComparison.Ordinal);

        var missing = share.Call("nothere", Py3Dispatcher.DocRequest("nothere", share.Root));
        Assert.Equal(1, missing.RetCode);
        Assert.StartsWith("Failed to read Python module: ", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListingWithDocsGivesTheWholeCatalogInOneCall()
    {
        var result = Py3Sharelib.Send(Py3Dispatcher.ListRequest(share.Root, withDocs: true).ToJsonString());

        Assert.Equal(0, result.RetCode);
        var data = result.Response["data"]!;
        Assert.Equal(
            ["baddoc", "badret", "broken", "caller", "echoreq", "exiter", "hello", "hostecho", "importer", "lingering", "nested.reader", "noisy", "nopyproof", "nopython", "norun", "raiser", "reader"],
            data["modules"]!.AsArray().Select(n => n!.GetValue<string>()));
        var docs = data["docs"]!.AsObject();
        Assert.Equal(["caller", "hello", "importer", "nested.reader", "nopyproof", "nopython", "reader"], docs.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Equal("hello", docs["hello"]!["name"]!.GetValue<string>());
        var errors = data["errors"]!.AsObject();
        Assert.Contains("doc.name is required", errors["baddoc"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Unable to compile", errors["broken"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void ThePythonEnvironmentDoesNotReachTheDispatcher()
    {
        // -I: a PYTHONPATH entry with its own mathx must not shadow the sharelib's.
        share.Write("../shadow/mathx/__init__.py", "def addmul(a, b):\n    return -1\n");
        var previous = Environment.GetEnvironmentVariable("PYTHONPATH");
        Environment.SetEnvironmentVariable("PYTHONPATH", Path.Combine(share.Scripts, "..", "shadow"));
        try
        {
            var result = share.Call("hello", new JsonObject { ["args"] = new JsonObject { ["a"] = 2, ["b"] = 5 } });
            Assert.Equal(12, result.Result!["sum"]!.GetValue<int>());
        }
        finally
        {
            Environment.SetEnvironmentVariable("PYTHONPATH", previous);
        }
    }
}
