using System.Text.Json;
using System.Text.Json.Nodes;
using Omg.Modules.Python;
using Omg.Modules.Tests.Host;
using Omg.Tests.Shared;

namespace Omg.Modules.Tests.Python;

/// <summary>
/// A private sharelib: SysInspect's published example modules (tests/fixtures/sysinspect-py3, unmodified) plus
/// the test's own modules, run through the real dispatcher with /usr/bin/python3.
/// </summary>
internal sealed class Py3Sharelib : IDisposable
{
    private readonly TestPaths paths = new();

    public Py3Sharelib()
    {
        Root = Path.Combine(paths.Directory, "share");
        CopyTree(FixtureDirectory(), Root);
    }

    public string Root { get; }

    public string Scripts => Py3Dispatcher.ScriptsDirectory(Root);

    /// <summary>The interpreter the tests run: Debian's, as the brief for the dispatcher names it.</summary>
    public static string Python => Py3Dispatcher.FindPython() ?? throw new InvalidOperationException("no python3");

    public void Write(string relativePath, string code)
    {
        var path = Path.Combine(Scripts, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, code);
    }

    /// <summary>Runs the py3 module <paramref name="module"/> with <paramref name="request"/> prepared as omgd prepares it.</summary>
    public Py3Result Call(string module, JsonObject? request = null)
    {
        request ??= new JsonObject();
        Py3Dispatcher.Prepare(request, module, Root);
        return Send(request.ToJsonString());
    }

    /// <summary>Sends raw stdin to the dispatcher; the stdout must be exactly one JSON object.</summary>
    public static Py3Result Send(string stdin)
    {
        var command = Py3Dispatcher.Command(Python);
        var result = HostProcess.Run(command[0], command.Skip(1), stdin);
        Assert.True(result.ExitCode == 0, "dispatcher exit code " + result.ExitCode + ": " + result.Stderr);
        JsonNode? parsed;
        try
        {
            // Parse fails on anything after the one value, so this also proves nothing else reached stdout.
            parsed = JsonNode.Parse(result.Stdout);
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not one JSON value ({e.Message}): {result.Stdout}");
        }

        var response = Assert.IsType<JsonObject>(parsed);
        Assert.Equal(JsonValueKind.Number, response["retcode"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, response["message"]!.GetValueKind());
        return new Py3Result(response, result.Stderr);
    }

    public void Dispose() => paths.Dispose();

    private static string FixtureDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "sysinspect-py3");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/sysinspect-py3 not found above " + AppContext.BaseDirectory);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}

/// <summary>A dispatcher response and what went to stderr.</summary>
internal sealed record Py3Result(JsonObject Response, string Stderr)
{
    public int RetCode => Response["retcode"]!.GetValue<int>();

    public string Message => Response["message"]!.GetValue<string>();

    /// <summary>What the module's run returned, under SysInspect's wrapping.</summary>
    public JsonNode? Result => Response["data"]!["data"];

    public JsonArray Logs => Response["data"]![Py3Dispatcher.LogsField]!.AsArray();
}
