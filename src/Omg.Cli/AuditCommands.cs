using System.CommandLine;
using Omg.Client;

namespace Omg.Cli;

/// <summary>
/// <c>omg audit [--min-severity S]</c>, which exits like <c>npm audit</c> (1 when findings at or above the
/// threshold exist, 0 when clean, 2 when it could not audit), and <c>omg advisories update [source]</c>.
/// </summary>
internal static class AuditCommands
{
    /// <summary>Exit code of an audit that found something at or above the threshold.</summary>
    public const int Findings = 1;

    /// <summary>Exit code of an audit that could not be done (no advisory data, no daemon, a failed request).</summary>
    public const int CouldNotAudit = 2;

    public static Command Audit(CommandRunner runner)
    {
        var minimum = new Option<string>("--min-severity")
        {
            HelpName = "SEVERITY",
            Description = "Report and fail on findings at or above this severity: low (default), medium, high, critical",
            DefaultValueFactory = _ => "low",
        };
        CliOptions.AcceptOnly(minimum, [.. VulnerabilitySeverity.Thresholds]);
        var audit = new Command("audit", "Audit installed packages against the loaded advisories; exit 1 on findings, 2 when it could not audit") { minimum };
        audit.SetAction(async (parse, ct) =>
        {
            bool audited = false;
            int code = await runner.RunAsync(parse, async (client, output, token) =>
            {
                var result = VulnerabilitySeverity.Filter(await client.SecurityAuditAsync(token).ConfigureAwait(false), parse.GetValue(minimum)!);
                output.Audit(result);
                audited = true;
                return result.TotalVulnerabilities > 0 ? Findings : ExitCodes.Ok;
            }, ct).ConfigureAwait(false);
            return audited || code == ExitCodes.Interrupted ? code : CouldNotAudit;
        });
        return audit;
    }

    public static Command Advisories(CommandRunner runner)
    {
        var source = new Argument<string?>("source") { Description = "A file, directory, .zip or http(s) URL (default: the configured sources)", Arity = ArgumentArity.ZeroOrOne };
        var update = new Command("update", "Import vulnerability advisories into omgd's store") { source };
        update.SetAction((parse, ct) => runner.RunAsync(parse, async (client, output, token) =>
        {
            output.AdvisoryUpdate(await client.UpdateAdvisoriesAsync(CallerSource(parse.GetValue(source)), token).ConfigureAwait(false));
            return ExitCodes.Ok;
        }, ct));
        return new Command("advisories", "Manage vulnerability advisories") { update };
    }

    /// <summary>An advisory source as omgd must see it: a relative path made absolute against the caller's directory.</summary>
    /// <remarks>omgd runs in its own working directory, so a relative path means the caller's; URLs and "no source" pass through.</remarks>
    public static string? CallerSource(string? given) =>
        given is null || given.Contains("://", StringComparison.Ordinal) ? given : Path.GetFullPath(given);
}
