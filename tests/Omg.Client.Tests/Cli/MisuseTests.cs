using System.Text.Json;
using Omg.Protocol.Messages;

namespace Omg.Client.Tests.Cli;

/// <summary>Every misuse of <c>omg</c>: one line saying what is wrong, the verb's usage hint, exit 2, nothing asked of omgd.</summary>
public sealed class MisuseTests : CannedDaemonCli
{
    [Theory]
    [InlineData("omg: unknown option '--frob' for 'omg search' (words that start with - go after --)", "Usage: omg search <words>...", "search", "vim", "--frob")]
    [InlineData("omg: unknown option '-x' for 'omg search' (words that start with - go after --)", "Usage: omg search <words>...", "search", "-x", "vim")]
    [InlineData("omg: unknown option '--frob' for 'omg status'", "Usage: omg status", "status", "--frob")]
    [InlineData("omg: unknown option '-q' for 'omg'", "Usage: omg <command>", "-q")]
    [InlineData("omg: --limit wants a whole number, not 'abc'", "Usage: omg search <words>...", "search", "vim", "--limit", "abc")]
    [InlineData("omg: --limit wants a whole number, not '-3'", "Usage: omg suggest <query>", "suggest", "vim", "-n", "-3")]
    [InlineData("omg: --limit needs a value", "Usage: omg search <words>...", "search", "vim", "--limit")]
    [InlineData("omg: -n is given more than once; it takes one value", "Usage: omg search <words>...", "search", "vim", "-n", "1", "-n", "2")]
    [InlineData("omg: --timeout wants a positive number of seconds, not '-1'", "Usage: omg ping", "--timeout", "-1", "ping")]
    [InlineData("omg: --timeout wants a positive number of seconds, not 'soon'", "Usage: omg ping", "ping", "--timeout", "soon")]
    [InlineData("omg: unknown command 'frobnicate' for 'omg'", "Usage: omg <command>", "frobnicate")]
    [InlineData("omg: unknown command 'sys.proc' for 'omg module'", "Usage: omg module <run|list>", "module", "sys.proc")]
    [InlineData("omg: 'omg status' takes no argument 'extra'", "Usage: omg status", "status", "extra")]
    [InlineData("omg: 'omg search' needs <words>", "Usage: omg search <words>...", "search")]
    [InlineData("omg: 'omg info' needs <name>", "Usage: omg info <name>...", "info")]
    [InlineData("omg: 'omg module run' needs <name>", "Usage: omg module run <name>", "module", "run")]
    [InlineData("omg: 'omg' needs a command", "Usage: omg <command>")]
    [InlineData("omg: 'omg daemon' needs a command: start, stop, status", "Usage: omg daemon <start|stop|status>", "daemon")]
    [InlineData("omg: <shell> wants one of bash, zsh, fish, not 'tcsh'", "Usage: omg completion <shell>", "completion", "tcsh")]
    [InlineData("omg: --min-severity wants one of low, medium, high, critical, not 'huge'", "Usage: omg audit [--min-severity SEVERITY]", "audit", "--min-severity", "huge")]
    [InlineData("omg: --arg wants key=value, not 'novalue'", "Usage: omg module run <name>", "module", "run", "sys.proc", "--arg", "novalue")]
    [InlineData("omg: --json does not apply to 'omg completion': it prints a shell script", "Usage: omg completion <shell>", "completion", "bash", "--json")]
    public async Task A_misuse_is_one_line_and_a_usage_hint_and_exits_2(string message, string usage, params string[] args)
    {
        CliRun run = await Omg(args);

        Assert.Equal(2, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(message, lines[0]);
        Assert.StartsWith(usage, lines[1], StringComparison.Ordinal);
        Assert.EndsWith("--help)", lines[1], StringComparison.Ordinal);
        Assert.True(lines[1].Length <= 80, lines[1]);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.Empty(Daemon.Received);
        if (!args.Contains("--json"))
        {
            Assert.Equal(string.Empty, run.Out);
        }
    }

    [Fact]
    public async Task Words_after_a_double_dash_may_start_with_a_dash()
    {
        CliRun search = await Omg("search", "vim", "--", "--frob", "-x");
        CliRun suggest = await Omg("suggest", "--limit", "5", "--", "-vim");

        Assert.Equal(0, search.ExitCode);
        Assert.Equal(0, suggest.ExitCode);
        Request[] received = [.. Daemon.Received];
        Assert.Equal("vim --frob -x", Assert.IsType<SearchRequest>(received[0]).Query);
        Assert.Equal("-vim", Assert.IsType<SuggestRequest>(received[1]).Query);
    }

    [Fact]
    public async Task With_json_a_misuse_is_also_a_json_error_on_stdout()
    {
        CliRun run = await Omg("--json", "search", "vim", "--frob");

        Assert.Equal(2, run.ExitCode);
        JsonElement error = run.Json().GetProperty("error");
        Assert.Equal("USAGE", error.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
        Assert.Equal("unknown option '--frob' for 'omg search' (words that start with - go after --)", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Help_is_shown_whatever_else_is_missing()
    {
        CliRun run = await Omg("search", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--limit", run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }
}
