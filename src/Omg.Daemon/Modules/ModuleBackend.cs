using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omg.Daemon.Handlers;
using Omg.Modules.Catalog;
using Omg.Modules.Process;
using Omg.Modules.Python;
using Omg.Modules.Requests;
using Omg.Modules.Responses;
using Omg.Protocol;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Modules;

/// <summary>
/// omgd's module runtime behind <see cref="IModuleHandler"/>: finds the module in the catalog, builds its request
/// by the seed-004 contract, runs it as a process of its own (bounded in time, output and concurrency) and turns
/// its JSON answer into a <see cref="ModuleResult"/>. A module's non-zero retcode is its own answer, returned as
/// it said it (the CLI and cmdlets report it as a failure); omgd's failures to run it are MODULE_FAILED.
/// </summary>
public sealed partial class ModuleBackend : IModuleHandler, IDisposable
{
    private readonly ModuleOptions _options;
    private readonly ModuleCatalog _catalog;
    private readonly JsonObject _host;
    private readonly JsonObject _config;
    private readonly SemaphoreSlim _slots;
    private readonly string _sharelib;
    private readonly ILogger<ModuleBackend> _logger;

    // The py3 listing is one short dispatcher run; a sharelib so large it takes longer is not listed.
    private static readonly TimeSpan ListingTimeout = TimeSpan.FromSeconds(20);
    private readonly Py3Catalog _py3;
    private IReadOnlyList<CatalogEntry>? _reportedListing;
    private IReadOnlyList<CatalogEntry>? _reportedPy3Listing;

    /// <summary>Creates the backend from omgd's options.</summary>
    public ModuleBackend(IOptions<DaemonOptions> options, ILogger<ModuleBackend> logger)
    {
        _options = options.Value.Modules;
        _logger = logger;
        _catalog = new ModuleCatalog(ModuleCatalog.DefaultRoots(_options.CommandLineRoots.Concat(_options.Roots), Environment.GetEnvironmentVariable("OMG_MODULE_PATH")));
        string root = string.IsNullOrEmpty(options.Value.Root) ? "/" : options.Value.Root;
        _sharelib = _options.Sharelib is { Length: > 0 } configured ? configured
            : Environment.GetEnvironmentVariable("OMG_SHARELIB") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : Py3Dispatcher.DefaultSharelib;
        _host = HostFacts.Detect(new HostFactsOptions { Root = root, UserTraits = _options.Traits, SharelibPath = _sharelib, ModuleRoots = _catalog.Roots });
        _config = new JsonObject([.. _options.Config.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]);
        _py3 = new Py3Catalog(_sharelib, FindPython, _options.Environment);
        _slots = new SemaphoreSlim(_options.MaxConcurrent > 0 ? _options.MaxConcurrent : 2 * Environment.ProcessorCount);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ModuleInfo>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<CatalogEntry> entries = _catalog.List();
        ReportBadDocs(entries, ref _reportedListing);
        (IReadOnlyList<CatalogEntry> py3, string? problem) = await _py3.ListAsync(ListingTimeout, cancellationToken).ConfigureAwait(false);
        if (problem is not null && !ReferenceEquals(py3, _reportedPy3Listing))
        {
            _reportedPy3Listing = py3;
            LogPy3ListingFailed(_sharelib, problem);
        }

        ReportBadDocs(py3, ref _reportedPy3Listing);
        return [.. entries.Concat(py3).Select(ToInfo)];
    }

    /// <inheritdoc />
    public async ValueTask<ModuleResult> RunAsync(string name, MessagePackValue request, ulong? timeoutMs, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> argv;
        string workingDirectory;
        ModuleDoc? doc = null;
        bool py3 = Py3Dispatcher.TryGetModuleName(name, out string py3Module);
        if (py3)
        {
            // The virtual py3 namespace: Omg's dispatcher runs <sharelib>/lib/runtime/python3/<module>.py.
            string script = Py3Dispatcher.ScriptFile(_sharelib, py3Module);
            if (!File.Exists(script))
            {
                throw new RequestFailedException(ErrorCodes.ModuleNotFound, $"module '{name}' not found: no {script}");
            }

            string python = FindPython() ?? throw Failed(name, "cannot run: no python3 found (Modules:Python)");
            argv = Py3Dispatcher.Command(python);
            workingDirectory = Py3Dispatcher.ScriptsDirectory(_sharelib);
            doc = await _py3.DocAsync(py3Module, ListingTimeout, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            string path = _catalog.Find(name)
                ?? throw new RequestFailedException(ErrorCodes.ModuleNotFound, $"module '{name}' not found under {string.Join(", ", _catalog.Roots)}");
            argv = [path];
            workingDirectory = Path.GetDirectoryName(path)!;
            doc = ModuleDoc.Load(path, out string? problem);
            if (problem is not null)
            {
                LogBadDoc(name, problem);
            }
        }

        JsonObject? caller = request.Kind == MessagePackValueKind.Nil ? null : JsonNode.Parse(MessagePackJson.ToJson(request)) as JsonObject;
        JsonObject contract = ModuleContract.Build(caller, _config, _host, out string? invalid)
            ?? throw new RequestFailedException(ErrorCodes.InvalidParams, invalid!);
        if (doc is not null && ModuleCallValidator.Validate(name, doc, contract) is { } wrong)
        {
            throw new RequestFailedException(ErrorCodes.InvalidParams, wrong);
        }

        if (py3)
        {
            Py3Dispatcher.Prepare(contract, py3Module, _sharelib);
        }
        TimeSpan timeout = timeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(_options.DefaultTimeoutSeconds);

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        ModuleRun run;
        try
        {
            run = await ModuleProcess.RunAsync(argv, workingDirectory, Encoding.UTF8.GetBytes(contract.ToJsonString()), timeout, _options.MaxOutputBytes, _options.Environment, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception start)
        {
            // Executable by its mode but not startable: no interpreter on its #! line, not a program at all.
            throw Failed(name, $"cannot be started: {start.Message}");
        }
        finally
        {
            _slots.Release();
        }

        if (run.Stderr.Length > 0)
        {
            LogStderr(name, run.Stderr.Length > 2000 ? run.Stderr[..2000] : run.Stderr);
        }

        if (run.TimedOut)
        {
            throw Failed(name, $"timed out after {timeout.TotalMilliseconds:0} ms and was killed");
        }

        if (run.OverCap)
        {
            throw Failed(name, $"output over the cap: more than {_options.MaxOutputBytes} bytes on stdout, killed");
        }

        if (run.StderrOverCap)
        {
            throw Failed(name, $"stderr over the cap: more than {ModuleProcess.MaxStderrBytes} bytes, killed");
        }

        ModuleResponse answer = ModuleResponse.TryParse(run.Stdout, out string? bad)
            ?? throw Failed(name, bad! + run.ExitCode switch
            {
                // The runtime reports a death by signal as 128 + the signal's number.
                > 128 and <= 128 + 64 and int code => $" (killed by signal {code - 128})",
                int code and not 0 => $" (exit code {code})",
                _ => string.Empty,
            });
        MessagePackValue data = answer.Data is null ? MessagePackValue.Nil : MessagePackJson.Parse(answer.Data.ToJsonString());
        return new ModuleResult(answer.RetCode, answer.Message, answer.Warning, data, answer.Logs);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _slots.Dispose();
        _py3.Dispose();
    }

    // Once per scan, not per request: a bad doc is the module author's to fix, and the module is listed without it.
    private void ReportBadDocs(IReadOnlyList<CatalogEntry> entries, ref IReadOnlyList<CatalogEntry>? reported)
    {
        if (ReferenceEquals(entries, reported))
        {
            return;
        }

        reported = entries;
        foreach (CatalogEntry entry in entries.Where(e => e.DocProblem is not null))
        {
            LogBadDoc(entry.Name, entry.DocProblem!);
        }
    }

    private string? FindPython() => Py3Dispatcher.FindPython(_options.Python is { Length: > 0 } p ? p : null);

    private static ModuleInfo ToInfo(CatalogEntry entry) => entry.Doc is not { } doc
        ? new ModuleInfo(entry.Name, string.Empty, string.Empty, entry.Path)
        : new ModuleInfo(entry.Name, doc.Version, doc.Description, entry.Path)
        {
            Author = doc.Author,
            Arguments = [.. doc.Arguments.Select(a => new ModuleArgumentInfo(a.Name, a.Type, a.Required, a.Description, a.Default))],
            Options = [.. doc.Options.Select(o => new ModuleOptionInfo(o.Name, o.Description))],
            Examples = doc.Examples,
            Returns = doc.Returns,
        };

    private static RequestFailedException Failed(string name, string why) => new(ErrorCodes.ModuleFailed, $"module '{name}' {why}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "the py3 modules under {Sharelib} are not listed: {Problem}")]
    private partial void LogPy3ListingFailed(string sharelib, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "module {Name} is listed without its doc: {Problem}")]
    private partial void LogBadDoc(string name, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "module {Name} wrote to stderr: {Text}")]
    private partial void LogStderr(string name, string text);
}
