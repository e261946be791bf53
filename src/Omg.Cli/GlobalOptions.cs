using System.CommandLine;
using Omg.Client;

namespace Omg.Cli;

/// <summary>The options every verb takes: <c>--socket</c>, <c>--json</c>, <c>--timeout</c>, <c>--no-autostart</c>.</summary>
public sealed class GlobalOptions
{
    /// <summary><c>--socket PATH</c>: talk to omgd on this socket.</summary>
    public Option<string?> Socket { get; } = new("--socket") { HelpName = "PATH", Description = "The omgd socket (default: $OMG_SOCKET, else $XDG_RUNTIME_DIR/omg.sock)", Recursive = true };

    /// <summary><c>--json</c>: machine-readable output.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Write JSON instead of tables", Recursive = true };

    /// <summary><c>--timeout SECONDS</c>: how long one request may take.</summary>
    public Option<double?> Timeout { get; } = CliOptions.Seconds("--timeout", "Seconds to wait for an answer (default 30)");

    /// <summary><c>--no-autostart</c>: never start omgd.</summary>
    public Option<bool> NoAutoStart { get; } = new("--no-autostart") { Description = "Do not start omgd when it is not running", Recursive = true };

    /// <summary>Adds the options to the root command.</summary>
    public void AddTo(Command root)
    {
        root.Options.Add(Socket);
        root.Options.Add(Json);
        root.Options.Add(Timeout);
        root.Options.Add(NoAutoStart);
    }

    /// <summary>The client options the command line asks for.</summary>
    public OmgClientOptions ClientOptions(ParseResult parse)
    {
        var options = new OmgClientOptions { SocketPath = parse.GetValue(Socket) };
        if (parse.GetValue(NoAutoStart))
        {
            options.AutoStart = false;
        }

        // CliOptions.Seconds refused anything but a positive number while parsing.
        if (parse.GetValue(Timeout) is double seconds)
        {
            options.RequestTimeout = TimeSpan.FromSeconds(seconds);
        }

        return options;
    }

    /// <summary>The output the command line asks for.</summary>
    public ICliOutput Output(ParseResult parse, CliConsole console) =>
        parse.GetValue(Json) ? new JsonOutput(console) : new TextOutput(console);
}
