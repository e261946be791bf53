using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using Omg.Client;
using Omg.Protocol.MessagePack;
using WireModuleResult = Omg.Protocol.Messages.ModuleResult;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Runs a SysInspect-style module through omgd and returns its answer as objects.</para>
/// <para type="description">omgd runs the module as a process of its own, bounded in time and output, with the request seed 004 describes (arguments, options, config, host, ext). The answer's data comes back as PowerShell objects; a non-zero retcode is a non-terminating OmgModuleFailed error whose target object is the result; the module's warnings go to the warning stream and its logs to the verbose stream. Ctrl+C stops the command and has omgd kill the module.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "OmgModule")]
[OutputType(typeof(ModuleResult))]
public sealed class InvokeOmgModuleCommand : OmgCmdlet
{
    /// <summary>The error id of a module that answered with a non-zero retcode.</summary>
    public const string ModuleFailedId = "OmgModuleFailed";

    /// <summary>The error id of -AsTable on data that holds no table.</summary>
    public const string NotTabularId = "OmgModuleDataNotTabular";

    // How much longer than the module's own timeout the client waits: omgd's answer that it killed the module
    // must arrive before the client gives up.
    private static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(30);

    #region Parameters

    /// <summary>
    /// <para type="description">The module's dotted name (sys.proc, py3.hello), as Get-OmgModule lists it. Takes objects with a Name property from the pipeline.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModuleNameCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">The module's arguments: keys and values as its doc declares them. Values may be strings, numbers, booleans, arrays, hashtables or objects.</para>
    /// </summary>
    [Parameter]
    [Alias("Args")]
    public Hashtable? Arguments { get; set; }

    /// <summary>
    /// <para type="description">The module's options (flags) by name.</para>
    /// </summary>
    [Parameter]
    [Alias("Options", "Opts")]
    [ValidateNotNullOrEmpty]
    public string[]? Option { get; set; }

    /// <summary>
    /// <para type="description">Caller-specific data for the module, passed as the request's ext map (a trace id, a payload).</para>
    /// </summary>
    [Parameter]
    [Alias("Ext")]
    public Hashtable? Extra { get; set; }

    /// <summary>
    /// <para type="description">Seconds the module may run before omgd kills it (its whole process group); omgd's configured default (60) when omitted.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; }

    /// <summary>
    /// <para type="description">Writes tabular data (an array of rows whose first row names the columns, or the tables among the members of an object) as one object per row instead of the result.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AsTable { get; set; }

    #endregion

    private TimeSpan? Timeout => MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : null;

    #region Overrides

    /// <summary>The client waits as long as omgd lets the module run: the module's timeout bounds the call, Ctrl+C the wait.</summary>
    protected override OmgClientOptions CreateOptions()
    {
        OmgClientOptions options = base.CreateOptions();
        options.RequestTimeout = Timeout is { } timeout ? timeout + AnswerMargin : System.Threading.Timeout.InfiniteTimeSpan;
        return options;
    }

    /// <summary>Runs the module and writes its result, rows, warnings, logs and failure.</summary>
    protected override void ProcessRecord()
    {
        MessagePackValue request;
        try
        {
            request = ModuleRequestMap.Build(Arguments, Option, Extra);
        }
        catch (ArgumentException ex)
        {
            ReportError(ex, Name);
            return;
        }

        string name = Name;
        TimeSpan? timeout = Timeout;
        long started = Stopwatch.GetTimestamp();
        WireModuleResult? answer;
        try
        {
            answer = Invoke(ct => Client.RunModuleAsync(name, request, timeout, ct));
        }
        catch (PipelineStoppedException)
        {
            // Closing the connection is what tells omgd to kill the module.
            Disconnect();
            throw;
        }
        catch (Exception ex)
        {
            ReportError(ex, name);
            return;
        }

        ModuleResult result = OutputMapper.ToModuleResult(name, answer, Stopwatch.GetElapsedTime(started));
        foreach (string warning in result.Warning)
        {
            WriteWarning($"{name}: {warning}");
        }

        foreach (string line in result.Logs)
        {
            WriteVerbose($"{name}: {line}");
        }

        if (!result.Succeeded)
        {
            string message = $"Module '{name}' failed with retcode {result.RetCode}: {result.Message}";
            var failure = new InvalidOperationException(message);
            WriteError(ErrorRecordFactory.Create(failure, new OmgErrorDescriptor(ModuleFailedId, ErrorCategory.InvalidResult, message, false), result));
            return;
        }

        if (!AsTable)
        {
            WriteObject(result);
            return;
        }

        IReadOnlyList<MessagePackValue> tables = ModuleData.FindTables(answer.Data);
        if (tables.Count == 0)
        {
            string message = $"Module '{name}' returned no table (an array of rows whose first row names the columns); -AsTable wrote the result instead.";
            WriteError(ErrorRecordFactory.Create(new InvalidDataException(message), new OmgErrorDescriptor(NotTabularId, ErrorCategory.InvalidResult, message, false), result));
            WriteObject(result);
            return;
        }

        foreach (MessagePackValue table in tables)
        {
            WriteObject(ModuleData.TableRows(table), enumerateCollection: true);
        }
    }

    #endregion
}
