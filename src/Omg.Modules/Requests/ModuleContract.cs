using System.Text.Json.Nodes;

namespace Omg.Modules.Requests;

/// <summary>
/// The JSON object a module reads on stdin, built from the caller's request as seed 004 defines the contract:
/// <c>arguments</c> and <c>options</c> (or their aliases <c>args</c> and <c>opts</c>, never both forms of one),
/// <c>config</c> and <c>host</c> filled by omgd, and every other top-level field collected with an explicit
/// <c>ext</c> into <c>ext</c> (top-level fields win on a clash) and also passed through where it stood.
/// </summary>
public static class ModuleContract
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "arguments", "args", "options", "opts", "config", "host", "ext" };

    /// <summary>Builds the module's request, or says which field is wrong.</summary>
    /// <param name="request">The caller's request object (null for none).</param>
    /// <param name="config">omgd's module configuration, sent as <c>config</c>.</param>
    /// <param name="host">The host facts, sent as <c>host</c>.</param>
    /// <param name="error">What is wrong, naming the field; null when the request is built.</param>
    public static JsonObject? Build(JsonObject? request, JsonObject config, JsonObject host, out string? error)
    {
        request ??= [];
        error = null;
        JsonNode? arguments = Section(request, "arguments", "args", ref error);
        JsonNode? options = Section(request, "options", "opts", ref error);
        if (error is not null)
        {
            return null;
        }

        if (arguments is not (null or JsonObject))
        {
            error = "request.arguments: must be an object";
            return null;
        }

        if (options is not (null or JsonArray))
        {
            error = "request.options: must be a list";
            return null;
        }

        if (request["ext"] is { } explicitExt && explicitExt is not JsonObject)
        {
            error = "request.ext: must be an object";
            return null;
        }

        string? reserved = ReservedIn((arguments as JsonObject)?.Select(f => f.Key))
            ?? ReservedIn(request.Select(f => f.Key))
            ?? ReservedIn((options as JsonArray)?.Select(o => o is JsonValue v && v.TryGetValue(out string? text) ? text : null).OfType<string>());
        if (reserved is not null)
        {
            error = $"request: '{reserved}' is reserved for omgd (rt.* names other than rt.logs and rt.list cannot be set)";
            return null;
        }

        var ext = (JsonObject?)request["ext"]?.DeepClone() ?? [];
        var built = new JsonObject
        {
            ["arguments"] = arguments?.DeepClone() ?? new JsonObject(),
            ["options"] = options?.DeepClone() ?? new JsonArray(),
            ["config"] = config.DeepClone(),
            ["host"] = host.DeepClone(),
        };
        foreach ((string key, JsonNode? value) in request)
        {
            if (!Known.Contains(key))
            {
                ext[key] = value?.DeepClone();
                built[key] = value?.DeepClone();
            }
        }

        built["ext"] = ext;
        return built;
    }

    private static JsonNode? Section(JsonObject request, string name, string alias, ref string? error)
    {
        bool hasName = request.ContainsKey(name), hasAlias = request.ContainsKey(alias);
        if (hasName && hasAlias)
        {
            error ??= $"request: both '{name}' and its alias '{alias}' are given; use one";
        }

        return hasName ? request[name] : request[alias];
    }

    // rt.logs and rt.list are the runtime options callers may pass; rt.mod and the rest are omgd's to set.
    private static string? ReservedIn(IEnumerable<string>? names) =>
        names?.FirstOrDefault(k => k.StartsWith("rt.", StringComparison.Ordinal) && k is not ("rt.logs" or "rt.list"));
}
