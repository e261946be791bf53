using System.CommandLine;
using Omg.Client;

namespace Omg.Cli;

/// <summary>
/// Runs a verb's body with a client and an output, and turns what can go wrong into an exit code and
/// a message, so each verb is only the call it makes.
/// </summary>
public sealed class CommandRunner
{
    private readonly GlobalOptions _globals;
    private readonly CliConsole _console;

    /// <summary>Creates the runner.</summary>
    public CommandRunner(GlobalOptions globals, CliConsole console)
    {
        _globals = globals;
        _console = console;
    }

    /// <summary>A verb's body: it talks to omgd and renders, returning an exit code.</summary>
    public delegate Task<int> Body(OmgClient client, ICliOutput output, CancellationToken cancellationToken);

    /// <summary>Reports a misused command line (one line and the verb's usage hint) and returns the usage exit code.</summary>
    public int Misused(ParseResult parse, string message)
    {
        ICliOutput output;
        try
        {
            output = _globals.Output(parse, _console);
        }
        catch (InvalidOperationException)
        {
            // --json itself is what could not be read: the error goes out as text.
            output = new TextOutput(_console);
        }

        output.Usage(message, UsageLine.For(parse.CommandResult));
        return ExitCodes.Usage;
    }

    /// <summary>Runs <paramref name="body"/>.</summary>
    public async Task<int> RunAsync(ParseResult parse, Body body, CancellationToken cancellationToken)
    {
        ICliOutput output = _globals.Output(parse, _console);
        try
        {
            await using var client = new OmgClient(_globals.ClientOptions(parse));
            return await body(client, output, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is UsageException or ArgumentException)
        {
            output.Usage(ex.Message, UsageLine.For(parse.CommandResult));
            return ExitCodes.Usage;
        }
        catch (OmgRequestException ex)
        {
            output.Failure(ex.CodeName, ex.Code, ex.RemoteMessage);
            return ExitCodes.Error;
        }
        catch (OmgDaemonUnavailableException ex)
        {
            output.Failure("DAEMON_UNAVAILABLE", null, ex.Message);
            return ExitCodes.Unavailable;
        }
        catch (TimeoutException ex)
        {
            output.Failure("TIMEOUT", null, ex.Message);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (InvalidDataException ex)
        {
            output.Failure("BAD_RESPONSE", null, ex.Message);
            return ExitCodes.Error;
        }
    }
}
