using System.Text.Json.Nodes;
using Omg.Modules.Requests;

namespace Omg.Modules.Python;

/// <summary>
/// What the module runtime needs to run the virtual <c>py3.&lt;module&gt;</c> namespace through Omg's Python
/// dispatcher, <c>omg_py3_runtime.py</c> (shipped beside this assembly), which runs SysInspect's py3 modules
/// (<c>&lt;sharelib&gt;/lib/runtime/python3/&lt;a&gt;/&lt;b&gt;.py</c> for <c>py3.a.b</c>) under the host's python3.
/// </summary>
/// <remarks>
/// <para>A call: <see cref="TryGetModuleName"/> on the requested name, <see cref="ScriptFile"/> to check the module
/// exists (not found is the runtime's -1004), build the seed-004 request as for any module, then
/// <see cref="Prepare"/> it, and spawn <see cref="Command"/> with the request JSON on stdin. The response is a
/// normal module response: <c>retcode</c>, <c>message</c>, and on success <c>data</c> =
/// <c>{"changed": true, "data": &lt;run's return&gt;, "__sysinspect-module-logs": [...]}</c> (SysInspect's
/// shape; the logs are filled only when the caller passed option <c>rt.logs</c>). Any failure in the module
/// (an exception in <c>run</c>, no <c>run</c>, a result JSON cannot hold, a missing or unreadable script) is
/// retcode 1 with a message naming it, and the traceback on stderr.</para>
/// <para>Catalog: <see cref="ListRequest"/> with <c>withDocs</c> gives, in one process, every module name
/// (<c>data.modules</c>), the docs that could be read (<c>data.docs</c>, name to doc) and why others could not
/// (<c>data.errors</c>, name to message); <see cref="DocRequest"/> gives one module's doc, read from the
/// response with <see cref="ReadDoc"/>. A doc is the module's <c>doc</c> dict or the dict its <c>doc()</c>
/// returns, checked by SysInspect's rules (name and description required, ...), in SysInspect's
/// mod_doc schema (arguments with name/type/required/description, options, examples, returns).</para>
/// </remarks>
public static class Py3Dispatcher
{
    /// <summary>The virtual namespace prefix: <c>py3.hello</c> runs the py3 module <c>hello</c>.</summary>
    public const string NamespacePrefix = "py3.";

    /// <summary>The dispatcher script's file name, beside this assembly.</summary>
    public const string ScriptFileName = "omg_py3_runtime.py";

    /// <summary>The argument naming the module to run (SysInspect's; reserved: only omgd sets it).</summary>
    public const string ModuleArgument = "rt.mod";

    /// <summary>The argument that, set to <see langword="true"/>, asks for docs instead of a run (SysInspect's).</summary>
    public const string ManualArgument = "rt.man";

    /// <summary>The option that lists the modules instead of running one.</summary>
    public const string ListOption = "rt.list";

    /// <summary>The option that returns the module's log lines in <c>data["__sysinspect-module-logs"]</c>.</summary>
    public const string LogsOption = "rt.logs";

    /// <summary>The config key the dispatcher reads the sharelib from.</summary>
    public const string SharelibConfigKey = "path.sharelib";

    /// <summary>Where the data of a successful run keeps the module's log lines.</summary>
    public const string LogsField = "__sysinspect-module-logs";

    /// <summary>SysInspect's default sharelib.</summary>
    public const string DefaultSharelib = HostFactsOptions.DefaultSharelib;

    /// <summary>The python3 looked for first.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    /// <summary>The full path of the dispatcher script, in this assembly's folder (the build copies it there).</summary>
    public static string ScriptPath { get; } = Path.Combine(AppContext.BaseDirectory, ScriptFileName);

    /// <summary>
    /// The python3 to run the dispatcher with: <paramref name="configured"/> when given (it must be an
    /// executable file), else <see cref="DefaultPython"/>, else the first <c>python3</c> on
    /// <paramref name="searchPath"/> (the process's <c>PATH</c> when null); null when there is none.
    /// </summary>
    public static string? FindPython(string? configured = null, string? searchPath = null)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return HostExecutables.IsExecutableFile(configured) ? configured : null;
        }

        return HostExecutables.Find("python3", [DefaultPython], searchPath);
    }

    /// <summary>The argv that runs the dispatcher: <c>python -I &lt;script&gt;</c> (isolated: no user site, no PYTHON* variables, no script folder on sys.path).</summary>
    /// <param name="python">The interpreter, from <see cref="FindPython"/>.</param>
    /// <param name="writeBytecode">False adds <c>-B</c>: no <c>__pycache__</c> written beside the modules (the catalog's listing, which must not change what it watches).</param>
    public static IReadOnlyList<string> Command(string python, bool writeBytecode = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(python);
        return writeBytecode ? [python, "-I", ScriptPath] : [python, "-I", "-B", ScriptPath];
    }

    /// <summary>
    /// True when <paramref name="name"/> is in the py3 namespace and names a valid py3 module:
    /// <c>py3.nested.reader</c> gives <c>nested.reader</c>.
    /// </summary>
    public static bool TryGetModuleName(string name, out string module)
    {
        ArgumentNullException.ThrowIfNull(name);
        module = name.StartsWith(NamespacePrefix, StringComparison.Ordinal) ? name[NamespacePrefix.Length..] : string.Empty;
        return IsValidModuleName(module);
    }

    /// <summary>A py3 module name as SysInspect's runtime accepts it: dot-separated, non-empty segments of <c>[A-Za-z0-9_]</c>.</summary>
    public static bool IsValidModuleName(string module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.Length > 0 && module.Split('.').All(segment => segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
    }

    /// <summary>The folder holding the py3 modules: <c>&lt;sharelib&gt;/lib/runtime/python3</c>; its <c>site-packages</c> is on their sys.path.</summary>
    public static string ScriptsDirectory(string sharelib)
    {
        ArgumentException.ThrowIfNullOrEmpty(sharelib);
        return Path.Combine(sharelib, "lib", "runtime", "python3");
    }

    /// <summary>The script of a valid module name: <c>nested.reader</c> is <c>&lt;scripts&gt;/nested/reader.py</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="module"/> is not a valid module name.</exception>
    public static string ScriptFile(string sharelib, string module)
    {
        if (!IsValidModuleName(module))
        {
            throw new ArgumentException($"'{module}' is not a py3 module name", nameof(module));
        }

        return Path.Combine(ScriptsDirectory(sharelib), Path.Combine(module.Split('.')) + ".py");
    }

    /// <summary>
    /// Makes a seed-004 request run <paramref name="module"/>: sets <c>rt.mod</c> in its arguments section
    /// (<c>arguments</c>, or <c>args</c> when that is the form used; created when absent) and
    /// <c>config["path.sharelib"]</c>. Everything else is left as it is.
    /// </summary>
    /// <exception cref="ArgumentException">The module name is not valid, both argument forms are present, or a section is not an object.</exception>
    public static void Prepare(JsonObject request, string module, string sharelib)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(sharelib);
        if (!IsValidModuleName(module))
        {
            throw new ArgumentException($"'{module}' is not a py3 module name", nameof(module));
        }

        Section(request, "arguments", "args")[ModuleArgument] = module;
        Section(request, "config", null)[SharelibConfigKey] = sharelib;
    }

    /// <summary>A request listing the modules under <paramref name="sharelib"/>, with their docs when <paramref name="withDocs"/>.</summary>
    public static JsonObject ListRequest(string sharelib, bool withDocs)
    {
        ArgumentException.ThrowIfNullOrEmpty(sharelib);
        var arguments = new JsonObject();
        if (withDocs)
        {
            arguments[ManualArgument] = true;
        }

        return new JsonObject
        {
            ["arguments"] = arguments,
            ["options"] = new JsonArray(ListOption),
            ["config"] = new JsonObject { [SharelibConfigKey] = sharelib },
        };
    }

    /// <summary>A request for the doc of one module.</summary>
    public static JsonObject DocRequest(string module, string sharelib)
    {
        var request = new JsonObject { ["arguments"] = new JsonObject { [ManualArgument] = true } };
        Prepare(request, module, sharelib);
        return request;
    }

    /// <summary>
    /// The doc in the <c>data</c> of a successful <see cref="DocRequest"/> response: a copy without the
    /// <c>changed</c> flag SysInspect's response shape adds; null when <paramref name="data"/> is not an object.
    /// </summary>
    public static JsonObject? ReadDoc(JsonNode? data)
    {
        if (data is not JsonObject fields)
        {
            return null;
        }

        var doc = fields.DeepClone().AsObject();
        doc.Remove("changed");
        return doc;
    }

    private static JsonObject Section(JsonObject request, string name, string? alias)
    {
        if (alias is not null && request.ContainsKey(name) && request.ContainsKey(alias))
        {
            throw new ArgumentException($"the request has both '{name}' and '{alias}'", nameof(request));
        }

        var key = alias is not null && request.ContainsKey(alias) ? alias : name;
        switch (request[key])
        {
            case JsonObject section:
                return section;
            case null:
                var created = new JsonObject();
                request[key] = created;
                return created;
            default:
                throw new ArgumentException($"the request's '{key}' is not an object", nameof(request));
        }
    }
}
