using System.Text.Json;
using Omg.Protocol.MessagePack;

namespace Omg.Cli;

/// <summary>
/// Builds a module's request map from <c>--json-request FILE</c>, <c>--arg key=value</c> and
/// <c>--opt name</c>. A value that reads as a JSON number, boolean or null is passed as that, so
/// <c>--arg count=3</c> gives the module an integer; anything else is a string.
/// </summary>
public static class ModuleRequestBuilder
{
    /// <summary>The request map.</summary>
    /// <exception cref="UsageException">An argument is not <c>key=value</c>, or the file is not a JSON object.</exception>
    public static MessagePackValue Build(IReadOnlyList<string> arguments, IReadOnlyList<string> options, string? jsonRequestFile)
    {
        var top = new List<KeyValuePair<MessagePackValue, MessagePackValue>>();
        if (jsonRequestFile is not null)
        {
            top.AddRange(ReadFile(jsonRequestFile));
        }

        if (arguments.Count > 0)
        {
            Replace(top, "arguments", MessagePackValue.Map(arguments.Select(ParseArgument).ToArray()));
        }

        if (options.Count > 0)
        {
            Replace(top, "options", MessagePackValue.Array(options.Select(o => MessagePackValue.From(o))));
        }

        return MessagePackValue.Map(top);
    }

    private static (string Key, MessagePackValue Value) ParseArgument(string argument)
    {
        int equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UsageException($"--arg wants key=value, not '{argument}'");
        }

        string value = argument[(equals + 1)..];
        return (argument[..equals], ParseScalar(value));
    }

    private static MessagePackValue ParseScalar(string value)
    {
        if (value is "true" or "false" or "null" || (value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] == '-')))
        {
            try
            {
                MessagePackValue parsed = MessagePackJson.Parse(value);
                if (parsed.Kind is not (MessagePackValueKind.Map or MessagePackValueKind.Array))
                {
                    return parsed;
                }
            }
            catch (JsonException)
            {
                // Not JSON, so it is the text itself (a version like 1.2.3, a path like -).
            }
        }

        return MessagePackValue.From(value);
    }

    private static IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> ReadFile(string path)
    {
        MessagePackValue parsed;
        try
        {
            parsed = MessagePackJson.Parse(path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"--json-request {path}: {ex.Message}", ex);
        }

        return parsed.Kind == MessagePackValueKind.Map
            ? parsed.AsMap()
            : throw new UsageException($"--json-request {path}: the request must be a JSON object, not {parsed.Kind.ToString().ToLowerInvariant()}");
    }

    // The command line wins over the file for the section it names.
    private static void Replace(List<KeyValuePair<MessagePackValue, MessagePackValue>> map, string key, MessagePackValue value)
    {
        string alias = key == "arguments" ? "args" : "opts";
        map.RemoveAll(pair => pair.Key.Kind == MessagePackValueKind.String && (pair.Key.AsString() == key || pair.Key.AsString() == alias));
        map.Add(new(MessagePackValue.From(key), value));
    }
}
