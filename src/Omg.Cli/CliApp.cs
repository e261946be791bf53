using System.CommandLine;
using System.Diagnostics;
using Omg.Client;
using Omg.Protocol.Messages;

namespace Omg.Cli;

/// <summary>The <c>omg</c> command line: its verbs, and the entry point tests call in-process.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the verb.</summary>
    /// <returns>One of <see cref="ExitCodes"/>.</returns>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions();
        var runner = new CommandRunner(globals, console);
        RootCommand root = Build(globals, runner);
        ParseResult parse = root.Parse(args);

        // --help and --version answer whatever else the line holds.
        if (parse.Action is not { ClearsParseErrors: true } && Misuse.Find(parse) is string misuse)
        {
            return runner.Misused(parse, misuse);
        }

        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The command tree: every verb, its options and its action.</summary>
    internal static RootCommand Build(GlobalOptions globals, CommandRunner runner)
    {
        var root = new RootCommand("Ask omgd about this machine's software: packages, runtimes, vulnerabilities, modules.");
        globals.AddTo(root);

        var ping = new Command("ping", "Check that omgd answers");
        ping.SetAction((parse, ct) => runner.RunAsync(parse, async (client, output, token) =>
        {
            var clock = Stopwatch.StartNew();
            string answer = await client.PingAsync(token).ConfigureAwait(false);
            output.Ping(client.SocketPath, answer, clock.Elapsed);
            return ExitCodes.Ok;
        }, ct));

        // Several words, as apt-cache search takes them: `omg search vim editor` needs no quotes.
        var query = new Argument<string[]>("words") { Description = "Words to look for (every one must match)", Arity = ArgumentArity.OneOrMore };
        var limit = CliOptions.Count("--limit", "-n", "At most this many results");
        var sources = new Option<string[]>("--source", "-s") { HelpName = "SOURCE", Description = "Only packages from this source (apt, npm, pypi; * and ? allowed); repeatable" };
        var installedOnly = new Option<bool>("--installed", "-i") { Description = "Only installed packages" };
        var search = new Command("search", "Search packages by name, provides and description") { query, limit, sources, installedOnly };
        search.SetAction((parse, ct) => runner.RunAsync(parse, async (client, output, token) =>
        {
            string[]? only = parse.GetValue(sources) is { Length: > 0 } given ? given : null;
            output.Search(await client.SearchAsync(string.Join(' ', parse.GetValue(query)!), parse.GetValue(limit), only, parse.GetValue(installedOnly), token).ConfigureAwait(false));
            return ExitCodes.Ok;
        }, ct));

        var names = new Argument<string[]>("name") { Description = "Package names", Arity = ArgumentArity.OneOrMore };
        var info = new Command("info", "Show package details (many names go in one batch)") { names };
        info.SetAction((parse, ct) => runner.RunAsync(parse, async (client, output, token) =>
        {
            string[] asked = parse.GetValue(names)!;
            IReadOnlyList<Response> answers = await client.BatchAsync(asked.Select(n => (Request)new InfoRequest(0, n)).ToArray(), token).ConfigureAwait(false);
            output.Packages(asked.Zip(answers).ToArray());
            return answers.All(a => a is SuccessResponse) ? ExitCodes.Ok : ExitCodes.Error;
        }, ct));

        var partial = new Argument<string>("query") { Description = "A name or part of one, typos allowed" };
        var suggestLimit = CliOptions.Count("--limit", "-n", "At most this many names");
        var suggest = new Command("suggest", "Suggest package names close to a query") { partial, suggestLimit };
        suggest.SetAction((parse, ct) => runner.RunAsync(parse, async (client, output, token) =>
        {
            output.Suggestions(await client.SuggestAsync(parse.GetValue(partial)!, parse.GetValue(suggestLimit), token).ConfigureAwait(false));
            return ExitCodes.Ok;
        }, ct));

        root.Subcommands.Add(ping);
        root.Subcommands.Add(search);
        root.Subcommands.Add(info);
        root.Subcommands.Add(suggest);
        root.Subcommands.Add(Simple("status", "Summarize installed packages, updates and vulnerabilities", runner, async (c, o, t) => o.Status(await c.StatusAsync(t).ConfigureAwait(false))));
        root.Subcommands.Add(PackageListCommand("updates", "List installed packages with a newer candidate (apt list --upgradable)", s => s.Upgradable, "(no updates)", runner));
        root.Subcommands.Add(PackageListCommand("orphans", "List the packages apt-get autoremove would remove", s => s.Orphans, "(no orphans)", runner));
        root.Subcommands.Add(Simple("runtimes", "List installed language runtimes", runner, async (c, o, t) => o.Runtimes(await c.RuntimesAsync(t).ConfigureAwait(false))));
        root.Subcommands.Add(Simple("metrics", "Show omgd's counters and latencies", runner, async (c, o, t) => o.Metrics(await c.MetricsAsync(t).ConfigureAwait(false))));
        root.Subcommands.Add(AuditCommands.Audit(runner));
        root.Subcommands.Add(AuditCommands.Advisories(runner));
        root.Subcommands.Add(ModuleCommands.Module(runner));
        root.Subcommands.Add(ModuleCommands.ModulesAlias(runner));
        root.Subcommands.Add(UpdateAdvisoriesCommand(runner));
        root.Subcommands.Add(DaemonCommand(globals, runner));
        root.Subcommands.Add(CompletionCommand(root, globals, runner));
        return root;
    }

    // Prints a script and asks omgd nothing: completion must work before a daemon is ever started.
    private static Command CompletionCommand(RootCommand root, GlobalOptions globals, CommandRunner runner)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish" };
        CliOptions.AcceptOnly(shell, CompletionScripts.Shells);
        var completion = new Command("completion", "Print the shell completion script (bash, zsh or fish)") { shell };
        completion.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(globals.Json))
            {
                return runner.Misused(parse, "--json does not apply to 'omg completion': it prints a shell script");
            }

            await parse.InvocationConfiguration.Output.WriteAsync(CompletionScripts.For(parse.GetValue(shell)!, root)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return completion;
    }

    // The names come with Status; their versions and sizes with one batch of Info requests.
    private static Command PackageListCommand(string name, string description, Func<StatusResult, IReadOnlyList<string>> names, string none, CommandRunner runner) =>
        Simple(name, description, runner, async (client, output, token) =>
        {
            IReadOnlyList<string> listed = names(await client.StatusAsync(token).ConfigureAwait(false));
            IReadOnlyList<Response> answers = await client.BatchAsync(listed.Select(n => (Request)new InfoRequest(0, n)).ToArray(), token).ConfigureAwait(false);
            output.PackageList(listed.Zip(answers).ToArray(), none);
        });

    private static Command Simple(string name, string description, CommandRunner runner, Func<OmgClient, ICliOutput, CancellationToken, Task> body)
    {
        var command = new Command(name, description);
        command.SetAction((parse, ct) => runner.RunAsync(parse, async (client, output, token) =>
        {
            await body(client, output, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command UpdateAdvisoriesCommand(CommandRunner runner)
    {
        var source = new Argument<string?>("source") { Description = "A file or URL (default: the configured sources)", Arity = ArgumentArity.ZeroOrOne };
        var update = new Command("update-advisories", "Import vulnerability advisories") { source };
        update.SetAction((parse, ct) => runner.RunAsync(parse, async (client, output, token) =>
        {
            output.AdvisoryUpdate(await client.UpdateAdvisoriesAsync(AuditCommands.CallerSource(parse.GetValue(source)), token).ConfigureAwait(false));
            return ExitCodes.Ok;
        }, ct));
        return update;
    }

    private static Command DaemonCommand(GlobalOptions globals, CommandRunner runner)
    {
        var daemon = new Command("daemon", "Start, stop or inspect omgd");
        daemon.Subcommands.Add(DaemonVerb("start", "Start omgd unless it is running", globals, runner, DaemonControl.StartAsync));
        daemon.Subcommands.Add(DaemonVerb("stop", "Stop omgd (SIGTERM) and wait until its socket is gone", globals, runner, DaemonControl.StopAsync));
        daemon.Subcommands.Add(DaemonVerb("status", "Show whether omgd runs: socket, pid, version, uptime", globals, runner, DaemonControl.StatusAsync));
        return daemon;
    }

    private static Command DaemonVerb(string name, string description, GlobalOptions globals, CommandRunner runner, Func<OmgClientOptions, CancellationToken, Task<DaemonState>> action)
    {
        var command = new Command(name, description);
        command.SetAction((parse, ct) => runner.RunAsync(parse, async (_, output, token) =>
        {
            DaemonState state = await action(globals.ClientOptions(parse), token).ConfigureAwait(false);
            output.Daemon(state);
            // Scripts ask "is it up?" with `omg daemon status`, so a stopped daemon gets the exit code of
            // an unreachable one; stopping one that is not running is already done, so that is 0.
            return name == "status" && !state.Reachable ? ExitCodes.Unavailable : ExitCodes.Ok;
        }, ct));
        return command;
    }
}
