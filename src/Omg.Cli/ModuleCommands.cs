using System.CommandLine;
using Omg.Protocol.Messages;

namespace Omg.Cli;

/// <summary>
/// <c>omg module run NAME [--arg k=v ...] [--opt o ...] [--json-request FILE]</c>, which exits with a failed module's
/// retcode, and <c>omg module list</c>; <c>omg modules</c> is kept as a hidden alias of the listing.
/// </summary>
internal static class ModuleCommands
{
    /// <summary>The lowest and highest exit code a failed module's retcode is clamped to.</summary>
    public const int LowestFailure = 1, HighestFailure = 125;

    public static Command Module(CommandRunner runner) =>
        new("module", "Run SysInspect-style modules or list them") { Run(runner), List("list", runner) };

    // The form before `module list` existed: one verb, not shown in help or completion.
    public static Command ModulesAlias(CommandRunner runner)
    {
        Command alias = List("modules", runner);
        alias.Hidden = true;
        return alias;
    }

    /// <summary>The exit code of a module run: 0, or the module's retcode within 1..125.</summary>
    /// <remarks>
    /// A non-zero retcode is a failed module (seed 004). Clamped so that it never reads as success (0), as the
    /// shell's "not executable" and "not found" (126, 127) or as a signal (128 and up); a negative one stays a failure.
    /// </remarks>
    public static int ExitCodeOf(int retcode) =>
        retcode == 0 ? ExitCodes.Ok : Math.Clamp(retcode, LowestFailure, HighestFailure);

    private static Command List(string name, CommandRunner runner)
    {
        var list = new Command(name, "List the modules omgd can run: name, version, description");
        list.SetAction((parse, ct) => runner.RunAsync(parse, async (client, output, token) =>
        {
            output.Modules(await client.ModulesAsync(token).ConfigureAwait(false));
            return ExitCodes.Ok;
        }, ct));
        return list;
    }

    private static Command Run(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "The module, like sys.proc or py3.hello" };
        var args = new Option<string[]>("--arg") { Description = "An argument key=value (repeatable)", HelpName = "key=value" };
        var opts = new Option<string[]>("--opt") { Description = "An option (repeatable)", HelpName = "option" };
        var file = new Option<string?>("--json-request") { Description = "A JSON file with the whole request object (- for stdin)", HelpName = "file" };
        var run = new Command("run", "Run a module; a failed one (non-zero retcode) sets the exit code to its retcode, within 1..125") { name, args, opts, file };
        run.SetAction((parse, ct) => runner.RunAsync(parse, async (client, output, token) =>
        {
            string moduleName = parse.GetValue(name)!;
            var request = ModuleRequestBuilder.Build(parse.GetValue(args) ?? [], parse.GetValue(opts) ?? [], parse.GetValue(file));
            ModuleResult result = await client.RunModuleAsync(moduleName, request, token).ConfigureAwait(false);
            output.Module(moduleName, result);
            return ExitCodeOf(result.Retcode);
        }, ct));
        return run;
    }
}
