using System.Text.Json.Nodes;
using Omg.Modules.Python;
using Omg.Tests.Shared;

namespace Omg.Modules.Tests.Python;

public sealed class Py3DispatcherTests
{
    [Theory]
    [InlineData("py3.hello", true, "hello")]
    [InlineData("py3.nested.reader", true, "nested.reader")]
    [InlineData("py3.", false, "")]
    [InlineData("py3.a..b", false, "a..b")]
    [InlineData("py3.a-b", false, "a-b")]
    [InlineData("py3.a/b", false, "a/b")]
    [InlineData("lua.hello", false, "")]
    [InlineData("hello", false, "")]
    public void NamesInThePy3NamespaceAreRecognised(string name, bool valid, string module)
    {
        Assert.Equal(valid, Py3Dispatcher.TryGetModuleName(name, out var found));
        Assert.Equal(module, found);
    }

    [Fact]
    public void TheCommandIsIsolatedPythonOnTheShippedScript()
    {
        Assert.Equal(["/usr/bin/python3", "-I", Py3Dispatcher.ScriptPath], Py3Dispatcher.Command("/usr/bin/python3"));
        Assert.True(File.Exists(Py3Dispatcher.ScriptPath), Py3Dispatcher.ScriptPath);
        Assert.Equal(AppContext.BaseDirectory, Path.GetDirectoryName(Py3Dispatcher.ScriptPath) + "/");
    }

    [Fact]
    public void PythonIsFoundAtTheDefaultThenOnThePathOrAsConfigured()
    {
        if (File.Exists(Py3Dispatcher.DefaultPython))
        {
            Assert.Equal(Py3Dispatcher.DefaultPython, Py3Dispatcher.FindPython(searchPath: string.Empty));
        }

        using var dir = new TestPaths();
        var fake = Path.Combine(dir.Directory, "python3");
        File.WriteAllText(fake, "#!/bin/sh\n");
        Assert.Null(Py3Dispatcher.FindPython(configured: fake));
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Assert.Equal(fake, Py3Dispatcher.FindPython(configured: fake));
        if (!File.Exists(Py3Dispatcher.DefaultPython))
        {
            Assert.Equal(fake, Py3Dispatcher.FindPython(searchPath: dir.Directory));
        }
    }

    [Fact]
    public void PrepareSetsTheModuleAndSharelibInTheFormTheRequestUses()
    {
        var plain = new JsonObject();
        Py3Dispatcher.Prepare(plain, "nested.reader", "/srv/share");
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"arguments": {"rt.mod": "nested.reader"}, "config": {"path.sharelib": "/srv/share"}}"""), plain));

        var alias = JsonNode.Parse("""{"args": {"a": 1}, "config": {"x": "y"}, "trace_id": "t"}""")!.AsObject();
        Py3Dispatcher.Prepare(alias, "hello", "/srv/share");
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"args": {"a": 1, "rt.mod": "hello"}, "config": {"x": "y", "path.sharelib": "/srv/share"}, "trace_id": "t"}"""), alias));

        Assert.Throws<ArgumentException>(() => Py3Dispatcher.Prepare(JsonNode.Parse("""{"args": {}, "arguments": {}}""")!.AsObject(), "hello", "/s"));
        Assert.Throws<ArgumentException>(() => Py3Dispatcher.Prepare(JsonNode.Parse("""{"arguments": []}""")!.AsObject(), "hello", "/s"));
        Assert.Throws<ArgumentException>(() => Py3Dispatcher.Prepare(new JsonObject(), "../x", "/s"));
    }

    [Fact]
    public void ScriptFilesAreUnderTheSharelibsPythonRuntime()
    {
        Assert.Equal("/s/lib/runtime/python3", Py3Dispatcher.ScriptsDirectory("/s"));
        Assert.Equal("/s/lib/runtime/python3/nested/reader.py", Py3Dispatcher.ScriptFile("/s", "nested.reader"));
        Assert.Throws<ArgumentException>(() => Py3Dispatcher.ScriptFile("/s", "a..b"));
    }

    [Fact]
    public void RequestShapesForListAndDoc()
    {
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"arguments": {}, "options": ["rt.list"], "config": {"path.sharelib": "/s"}}"""),
            Py3Dispatcher.ListRequest("/s", withDocs: false)));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"arguments": {"rt.man": true}, "options": ["rt.list"], "config": {"path.sharelib": "/s"}}"""),
            Py3Dispatcher.ListRequest("/s", withDocs: true)));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"arguments": {"rt.man": true, "rt.mod": "hello"}, "config": {"path.sharelib": "/s"}}"""),
            Py3Dispatcher.DocRequest("hello", "/s")));
        Assert.Null(Py3Dispatcher.ReadDoc(JsonValue.Create(1)));
    }
}
