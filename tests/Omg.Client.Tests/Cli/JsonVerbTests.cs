using System.CommandLine;
using System.Text.Json;
using Omg.Cli;

namespace Omg.Client.Tests.Cli;

/// <summary>
/// <c>--json</c> on every verb that prints data: one JSON document on stdout, whatever the verb. The verbs are taken
/// from the command tree, so a new verb fails <see cref="Every_verb_is_covered"/> until it has a case here.
/// </summary>
public sealed class JsonVerbTests : CannedDaemonCli
{
    // Verb path, its arguments, the exit code against the canned daemon, and a property its JSON must have
    // ("[0].name": the first element of an array).
    private static readonly (string Verb, string[] Args, int ExitCode, string Property)[] Cases =
    [
        ("ping", [], 0, "answer"),
        ("search", ["vim"], 0, "packages"),
        ("info", ["vim"], 0, "[0].candidate_version"),
        ("suggest", ["vmi"], 0, "[0]"),
        ("status", [], 0, "total_packages"),
        ("updates", [], 0, "[0].installed_version"),
        ("orphans", [], 0, string.Empty),
        ("runtimes", [], 0, "[0].is_default"),
        ("metrics", [], 0, "requests"),
        ("audit", [], 1, "vulnerabilities"),
        ("advisories update", ["/tmp/osv.json"], 0, "advisories"),
        ("update-advisories", ["/tmp/osv.json"], 0, "not_modified"),
        ("module list", [], 0, "[0].path"),
        ("modules", [], 0, "[0].path"),
        ("module run", ["sys.proc", "--arg", "n=1"], 0, "retcode"),
        ("daemon status", [], 0, "uptime_seconds"),
        ("daemon start", [], 0, "note"),
        // The canned daemon runs in this test's process, which omg refuses to signal: an error, as JSON too.
        ("daemon stop", [], 1, "error"),
    ];

    // completion prints a shell script: --json does not apply, and asking for it is a usage error.
    private static readonly string[] WithoutJson = ["completion"];

    public static TheoryData<string> Verbs() => [.. Cases.Select(c => c.Verb)];

    [Fact]
    public void Every_verb_is_covered()
    {
        var globals = new GlobalOptions();
        RootCommand root = CliApp.Build(globals, new CommandRunner(globals, new CliConsole(TextWriter.Null, TextWriter.Null, null)));

        Assert.Equal(Leaves(root, string.Empty).Order(StringComparer.Ordinal), Cases.Select(c => c.Verb).Concat(WithoutJson).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task The_verb_prints_one_json_document(string verb)
    {
        (_, string[] args, int exitCode, string property) = Cases.Single(c => c.Verb == verb);

        CliRun run = await Omg(["--json", .. verb.Split(' '), .. args]);

        Assert.Equal(exitCode, run.ExitCode);
        // JsonDocument refuses anything after the first value, so this is the whole of stdout.
        JsonElement json = run.Json();
        if (property.StartsWith("[0]", StringComparison.Ordinal))
        {
            Assert.Equal(JsonValueKind.Array, json.ValueKind);
            json = json[0];
            property = property.Length > 4 ? property[4..] : string.Empty;
        }

        if (property.Length > 0)
        {
            Assert.True(json.TryGetProperty(property, out _), $"no '{property}' in {json}");
        }
    }

    [Fact]
    public async Task Completion_refuses_json()
    {
        CliRun run = await Omg("--json", "completion", "bash");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("USAGE", run.Json().GetProperty("error").GetProperty("name").GetString());
        Assert.Equal(0, (await Omg("completion", "bash")).ExitCode);
    }

    private static IEnumerable<string> Leaves(Command command, string path) =>
        command.Subcommands.Count == 0
            ? [path]
            : command.Subcommands.SelectMany(c => Leaves(c, path.Length == 0 ? c.Name : $"{path} {c.Name}"));
}
