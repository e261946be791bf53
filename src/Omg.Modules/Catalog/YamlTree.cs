using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Omg.Modules.Catalog;

/// <summary>
/// A YAML node as a JSON tree, so a mod_doc.yaml and a py3 module's doc (JSON from the dispatcher) are read by one
/// parser. Scalars stay text: YAML's own typing of <c>yes</c> or <c>1.10</c> is not what a doc's author means.
/// </summary>
public static class YamlTree
{
    private const int MaxDepth = 32;

    /// <summary>The JSON form of <paramref name="node"/>; null for an empty scalar, an alias, or nesting past 32 levels.</summary>
    public static JsonNode? ToJson(YamlNode node) => Convert(node, 0);

    private static JsonNode? Convert(YamlNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return scalar.Value is { Length: > 0 } || scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
                    ? JsonValue.Create(scalar.Value ?? string.Empty)
                    : null;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (YamlNode item in sequence.Children)
                {
                    array.Add(Convert(item, depth + 1));
                }

                return array;
            case YamlMappingNode mapping:
                var map = new JsonObject();
                foreach ((YamlNode key, YamlNode value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: { } name })
                    {
                        map[name] = Convert(value, depth + 1);
                    }
                }

                return map;
            default:
                return null;
        }
    }
}
