using System.Text;
using System.Text.Json.Nodes;
using Omg.Modules.Catalog;
using Omg.Modules.Process;
using Omg.Modules.Responses;

namespace Omg.Modules.Python;

/// <summary>
/// The py3 modules under a sharelib, with their docs, for Modules and for checking a py3 call before it runs. One
/// dispatcher run (<c>rt.list</c> with <c>rt.man</c>) lists them all; the answer is kept until something under the
/// scripts folder changes (<see cref="TreeStamp"/>), so only the first call after a change pays for a python start.
/// </summary>
public sealed class Py3Catalog : IDisposable
{
    private const int MaxListingBytes = 4 << 20;

    private readonly string _sharelib;
    private readonly Func<string?> _python;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (IReadOnlyList<CatalogEntry> Entries, TreeStamp Stamp, string? Problem)? _listing;

    /// <summary>
    /// The catalog of <paramref name="sharelib"/>'s py3 modules, listed with the python <paramref name="python"/> finds,
    /// in the module environment plus <paramref name="environment"/> (as module runs get).
    /// </summary>
    public Py3Catalog(string sharelib, Func<string?> python, IReadOnlyDictionary<string, string> environment)
    {
        _sharelib = sharelib;
        _python = python;
        _environment = environment;
    }

    /// <summary>
    /// The py3 modules (named <c>py3.&lt;module&gt;</c>, each with its doc or why it has none), and why the listing
    /// failed when it did (no python3, the dispatcher's error): then the list is empty.
    /// </summary>
    public async Task<(IReadOnlyList<CatalogEntry> Entries, string? Problem)> ListAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_listing is { } kept && kept.Stamp.IsCurrent())
            {
                return (kept.Entries, kept.Problem);
            }

            string scripts = Py3Dispatcher.ScriptsDirectory(_sharelib);
            // Module runs write bytecode under __pycache__ (the listing does not: -B): not a change to the modules.
            // Creating a __pycache__ folder still changes its parent's time once, which costs one more listing.
            TreeStamp stamp = TreeStamp.Take([scripts], ignoredFolder: "__pycache__");
            (IReadOnlyList<CatalogEntry> entries, string? problem) = Directory.Exists(scripts)
                ? await ScanAsync(scripts, timeout, cancellationToken).ConfigureAwait(false)
                : ([], null);
            _listing = (entries, stamp, problem);
            return (entries, problem);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The doc of py3 module <paramref name="module"/> (without the prefix), or null when it has none.</summary>
    public async Task<ModuleDoc?> DocAsync(string module, TimeSpan timeout, CancellationToken cancellationToken)
    {
        (IReadOnlyList<CatalogEntry> entries, _) = await ListAsync(timeout, cancellationToken).ConfigureAwait(false);
        string name = Py3Dispatcher.NamespacePrefix + module;
        return entries.FirstOrDefault(e => e.Name == name)?.Doc;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<(IReadOnlyList<CatalogEntry>, string?)> ScanAsync(string scripts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_python() is not { } python)
        {
            return ([], "no python3 found (Modules:Python)");
        }

        byte[] request = Encoding.UTF8.GetBytes(Py3Dispatcher.ListRequest(_sharelib, withDocs: true).ToJsonString());
        ModuleRun run = await ModuleProcess.RunAsync(Py3Dispatcher.Command(python, writeBytecode: false), scripts, request, timeout, MaxListingBytes, _environment, cancellationToken).ConfigureAwait(false);
        if (run.TimedOut || run.OverCap || run.StderrOverCap)
        {
            return ([], run.TimedOut ? $"listing timed out after {timeout.TotalMilliseconds:0} ms" : "listing wrote too much");
        }

        if (ModuleResponse.TryParse(run.Stdout, out string? bad) is not { RetCode: 0, Data: JsonObject data })
        {
            return ([], $"the dispatcher could not list the modules: {bad ?? "non-zero retcode"}");
        }

        JsonObject docs = data["docs"] as JsonObject ?? [];
        JsonObject errors = data["errors"] as JsonObject ?? [];
        var entries = new List<CatalogEntry>();
        foreach (JsonNode? item in data["modules"] as JsonArray ?? [])
        {
            if (item is not JsonValue value || !value.TryGetValue(out string? module) || !Py3Dispatcher.IsValidModuleName(module))
            {
                continue;
            }

            ModuleDoc? doc = null;
            string? problem = errors[module] is JsonValue error ? error.ToString() : null;
            if (docs[module] is JsonObject json)
            {
                doc = ModuleDoc.FromJson(json, out problem);
            }

            entries.Add(new CatalogEntry(Py3Dispatcher.NamespacePrefix + module, Py3Dispatcher.ScriptFile(_sharelib, module), doc, problem));
        }

        return (entries, null);
    }
}
