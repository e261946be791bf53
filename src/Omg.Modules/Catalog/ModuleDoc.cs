using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Omg.Modules.Catalog;

/// <summary>
/// A module's doc in SysInspect's mod_doc schema: from <c>&lt;module&gt;.mod_doc.yaml</c> beside the executable, or
/// from a py3 module's <c>doc</c>. Both are read into one JSON tree first (<see cref="YamlTree"/>), so the two
/// sources are held to the same rules. YamlDotNet's representation model is used rather than its object
/// deserializer, which maps by reflection.
/// </summary>
/// <param name="Name">The doc's name.</param>
/// <param name="Version">The doc's version.</param>
/// <param name="Author">The doc's author.</param>
/// <param name="Description">The doc's description, trimmed.</param>
/// <param name="Arguments">The arguments the module takes, in the doc's order.</param>
/// <param name="Options">The options (flags) the module takes.</param>
/// <param name="Examples">Examples, each as text (a description line, then the code, when the doc gives both).</param>
/// <param name="Returns">What the module returns, as the doc describes it (a mapping is kept as its JSON text).</param>
public sealed record ModuleDoc(
    string Name,
    string Version,
    string Author,
    string Description,
    IReadOnlyList<ModuleDocArgument> Arguments,
    IReadOnlyList<ModuleDocOption> Options,
    IReadOnlyList<string> Examples,
    string Returns)
{
    /// <summary>
    /// Whether the doc has an arguments section (an empty one included): only then are a call's arguments checked
    /// against it. A doc that says nothing about arguments is not taken to mean the module takes none.
    /// </summary>
    public bool DeclaresArguments { get; init; }

    /// <summary>Whether the doc has an options section: only then are a call's options checked against it.</summary>
    public bool DeclaresOptions { get; init; }

    /// <summary>What follows a module's path to name its doc.</summary>
    public const string Suffix = ".mod_doc.yaml";

    /// <summary>
    /// The doc beside <paramref name="modulePath"/>: null with no <paramref name="problem"/> when there is none, null
    /// with the reason when it cannot be read or is not a mod_doc mapping (the module is then listed without one).
    /// </summary>
    public static ModuleDoc? Load(string modulePath, out string? problem)
    {
        problem = null;
        string path = modulePath + Suffix;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                yaml.Load(reader);
            }

            if (yaml.Documents.Count == 0 || YamlTree.ToJson(yaml.Documents[0].RootNode) is not JsonObject root)
            {
                problem = $"{path}: not a mapping";
                return null;
            }

            return FromJson(root, out problem) is { } doc ? doc : Fail(path, ref problem);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException)
        {
            problem = $"{path}: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// A doc from its JSON form (a py3 module's <c>doc</c>, or the YAML read into JSON). Null with the reason when a
    /// section has the wrong shape: a doc that says something unreadable about its arguments must not validate calls.
    /// </summary>
    public static ModuleDoc? FromJson(JsonObject doc, out string? problem)
    {
        problem = null;
        var arguments = new List<ModuleDocArgument>();
        switch (doc["arguments"] ?? doc["args"])
        {
            case null:
                break;
            case JsonArray list:
                foreach (JsonNode? item in list)
                {
                    if (item is not JsonObject argument || Text(argument, "name") is not { Length: > 0 } name)
                    {
                        problem = "arguments: every entry needs a name";
                        return null;
                    }

                    arguments.Add(new ModuleDocArgument(
                        name,
                        Text(argument, "type") ?? string.Empty,
                        Flag(argument["required"]),
                        Text(argument, "description")?.Trim() ?? string.Empty,
                        argument["default"] is { } value ? Scalar(value) : null));
                }

                break;
            default:
                problem = "arguments: must be a list";
                return null;
        }

        var options = new List<ModuleDocOption>();
        switch (doc["options"] ?? doc["opts"])
        {
            case null:
                break;
            case JsonArray list:
                foreach (JsonNode? item in list)
                {
                    // An option is a mapping with a name, or just its name.
                    string? name = item is JsonObject option ? Text(option, "name") : item is JsonValue ? Scalar(item) : null;
                    if (name is not { Length: > 0 })
                    {
                        problem = "options: every entry needs a name";
                        return null;
                    }

                    options.Add(new ModuleDocOption(name, item is JsonObject o ? Text(o, "description")?.Trim() ?? string.Empty : string.Empty));
                }

                break;
            default:
                problem = "options: must be a list";
                return null;
        }

        var examples = new List<string>();
        if (doc["examples"] is JsonArray exampleList)
        {
            foreach (JsonNode? item in exampleList)
            {
                string? text = item switch
                {
                    JsonObject example => string.Join('\n', new[] { Text(example, "description")?.Trim(), Text(example, "code")?.Trim() }.Where(t => !string.IsNullOrEmpty(t))),
                    JsonValue => Scalar(item).Trim(),
                    _ => null,
                };
                if (!string.IsNullOrEmpty(text))
                {
                    examples.Add(text);
                }
            }
        }

        string returns = doc["returns"] switch
        {
            null => string.Empty,
            JsonValue value => Scalar(value).Trim(),

            // SysInspect's py3 docs describe their return as {description, sample}.
            JsonObject described when described["description"] is JsonValue text => Scalar(text).Trim(),
            JsonNode other => other.ToJsonString(),
        };
        return new ModuleDoc(
            Text(doc, "name") ?? string.Empty,
            Text(doc, "version") ?? string.Empty,
            Text(doc, "author") ?? string.Empty,
            Text(doc, "description")?.Trim() ?? string.Empty,
            arguments,
            options,
            examples,
            returns)
        {
            DeclaresArguments = (doc["arguments"] ?? doc["args"]) is not null,
            DeclaresOptions = (doc["options"] ?? doc["opts"]) is not null,
        };
    }

    /// <summary>Dotted words of letters, digits, <c>_</c> and <c>-</c>, as module names are.</summary>
    public static bool IsModuleName(string name) =>
        name.Length > 0 && name.Split('.').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));

    private static ModuleDoc? Fail(string path, ref string? problem)
    {
        problem = $"{path}: {problem}";
        return null;
    }

    private static string? Text(JsonObject node, string key) => node[key] is JsonValue value ? Scalar(value) : null;

    // YAML scalars arrive as strings, JSON (py3) ones typed: either way the doc shows their text.
    private static string Scalar(JsonNode node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : node.ToJsonString();

    private static bool Flag(JsonNode? node) => node is JsonValue value
        && ((value.TryGetValue(out bool flag) && flag) || (value.TryGetValue(out string? text) && text is "true" or "True" or "yes" or "1"));
}
