using System.Text.Json;
using Omg.Cli;

namespace Omg.Client.Tests.Cli;

/// <summary>One in-process run of <c>omg</c>: its exit code and what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(int? width, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, new CliConsole(stdout, stderr, width));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public JsonElement Json()
    {
        using JsonDocument document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }
}
