using System.Text.Json;
using System.Text.Json.Nodes;
using Omg.Modules.Catalog;

namespace Omg.Modules.Requests;

/// <summary>
/// Checks a built contract against the module's doc before anything is spawned (SysInspect itself does not): a missing
/// required argument, a value of the wrong type, an unknown argument or option is refused naming it, so a runbook
/// learns of its mistake from omgd instead of from whatever the module does with bad input.
/// </summary>
public static class ModuleCallValidator
{
    /// <summary>
    /// Null when <paramref name="contract"/> fits <paramref name="doc"/>, else what is wrong. A number or boolean given
    /// for a string argument is rewritten to its text (a shell user's <c>--arg version=1.2</c> arrives as a number).
    /// </summary>
    public static string? Validate(string module, ModuleDoc doc, JsonObject contract)
    {
        if (doc.DeclaresArguments && contract["arguments"] is JsonObject arguments)
        {
            var declared = doc.Arguments.ToDictionary(a => a.Name, StringComparer.Ordinal);
            foreach ((string key, JsonNode? value) in arguments.ToArray())
            {
                if (IsRuntimeControl(key))
                {
                    continue;
                }

                if (!declared.TryGetValue(key, out ModuleDocArgument? argument))
                {
                    return $"module '{module}' has no argument '{key}'{Listing(" (it takes: ", doc.Arguments.Select(a => a.Name))}";
                }

                if (value is null)
                {
                    continue;
                }

                if (Check(argument, value) is { } wrong)
                {
                    return $"module '{module}': argument '{key}' {wrong}";
                }

                if (IsType(argument.Type, "string", "str", "text") && value is JsonValue scalar && scalar.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    arguments[key] = scalar.ToJsonString();
                }
            }

            foreach (ModuleDocArgument argument in doc.Arguments)
            {
                if (argument.Required && argument.Default is null && arguments[argument.Name] is null)
                {
                    return $"module '{module}' needs the argument '{argument.Name}'{(argument.Type.Length > 0 ? $" ({argument.Type})" : string.Empty)}";
                }
            }
        }

        if (doc.DeclaresOptions && contract["options"] is JsonArray options)
        {
            var declared = doc.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            foreach (JsonNode? item in options)
            {
                if (item is not JsonValue value || !value.TryGetValue(out string? option))
                {
                    return $"module '{module}': options must be names (strings), found {item?.ToJsonString() ?? "null"}";
                }

                if (!IsRuntimeControl(option) && !declared.Contains(option))
                {
                    return $"module '{module}' has no option '{option}'{Listing(" (it takes: ", doc.Options.Select(o => o.Name))}";
                }
            }
        }

        return null;
    }

    // The wrong-type message for value against the declared type, or null when it fits (or the type is not one checked).
    private static string? Check(ModuleDocArgument argument, JsonNode value)
    {
        JsonValueKind kind = value.GetValueKind();
        string type = argument.Type;
        bool fits;
        if (IsType(type, "string", "str", "text"))
        {
            fits = kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
        }
        else if (IsType(type, "int", "integer"))
        {
            fits = kind == JsonValueKind.Number && value is JsonValue number && number.TryGetValue(out long _);
            if (!fits && kind == JsonValueKind.Number && value is JsonValue n && n.TryGetValue(out double d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
            {
                fits = true;
            }
        }
        else if (IsType(type, "bool", "boolean"))
        {
            fits = kind is JsonValueKind.True or JsonValueKind.False;
        }
        else if (IsType(type, "number", "float", "double"))
        {
            fits = kind == JsonValueKind.Number;
        }
        else if (IsType(type, "list", "array"))
        {
            // The seed's lists travel as comma-separated strings; a JSON array says the same.
            fits = kind is JsonValueKind.Array or JsonValueKind.String;
        }
        else if (IsType(type, "dict", "map", "object"))
        {
            fits = kind == JsonValueKind.Object;
        }
        else
        {
            return null;
        }

        return fits ? null : $"must be {Article(type)} {type.ToLowerInvariant()}, got {Describe(kind)} {Shorten(value.ToJsonString())}";
    }

    private static bool IsType(string type, params string[] names) => names.Any(n => string.Equals(type, n, StringComparison.OrdinalIgnoreCase));

    // rt.logs and rt.list are the runtime's options every module takes (ModuleContract refuses the other rt.* names).
    private static bool IsRuntimeControl(string name) => name.StartsWith("rt.", StringComparison.Ordinal);

    private static string Listing(string prefix, IEnumerable<string> names)
    {
        string joined = string.Join(", ", names);
        return joined.Length == 0 ? " (it takes none)" : prefix + joined + ")";
    }

    private static string Article(string type) => "aeiouAEIOU".Contains(type[0]) ? "an" : "a";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "the string",
        JsonValueKind.Number => "the number",
        JsonValueKind.True or JsonValueKind.False => "the boolean",
        JsonValueKind.Array => "the list",
        JsonValueKind.Object => "the object",
        _ => "null",
    };

    private static string Shorten(string json) => json.Length <= 60 ? json : json[..57] + "...";
}
