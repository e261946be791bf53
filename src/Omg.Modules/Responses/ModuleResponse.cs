using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Omg.Modules.Responses;

/// <summary>
/// A module's answer as seed 004 defines it: exactly one JSON object with an integer <c>retcode</c> and a string
/// <c>message</c>, an optional <c>warning</c> list and any <c>data</c>; other keys are ignored, and
/// <c>data["__sysinspect-module-logs"]</c> is moved out of the data into the logs.
/// </summary>
/// <param name="RetCode">The module's return code; non-zero is a failed module.</param>
/// <param name="Message">Its main message.</param>
/// <param name="Warning">Its warnings.</param>
/// <param name="Data">Its data, null when it gave none.</param>
/// <param name="Logs">Its log lines.</param>
public sealed record ModuleResponse(int RetCode, string Message, IReadOnlyList<string> Warning, JsonNode? Data, IReadOnlyList<string> Logs)
{
    /// <summary>The key SysInspect's runtimes put a module's logs under.</summary>
    public const string LogsKey = "__sysinspect-module-logs";

    /// <summary>Parses <paramref name="output"/>, or says what is wrong with it.</summary>
    public static ModuleResponse? TryParse(byte[] output, out string? error)
    {
        error = null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(output, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            error = $"the module's output is not valid JSON: '{Preview(output)}'";
            return null;
        }

        if (node is not JsonObject answer)
        {
            error = $"the module's output is not a JSON object: '{Preview(output)}'";
            return null;
        }

        if (answer["retcode"] is not JsonValue retcode || !retcode.TryGetValue(out int code))
        {
            error = "the module's answer has no integer 'retcode'";
            return null;
        }

        if (answer["message"] is not JsonValue message || !message.TryGetValue(out string? text))
        {
            error = "the module's answer has no string 'message'";
            return null;
        }

        var warnings = (answer["warning"] as JsonArray)?.Select(w => w?.ToString() ?? string.Empty).ToArray() ?? [];
        JsonNode? data = answer["data"]?.DeepClone();
        string[] logs = [];
        if (data is JsonObject dataObject && dataObject[LogsKey] is { } logNode)
        {
            logs = logNode is JsonArray lines ? lines.Select(l => l?.ToString() ?? string.Empty).ToArray() : [logNode.ToString()];
            dataObject.Remove(LogsKey);
        }

        return new ModuleResponse(code, text!, warnings, data, logs);
    }

    private static string Preview(byte[] output)
    {
        string text = Encoding.UTF8.GetString(output, 0, Math.Min(output.Length, 200));
        return text.Length == 0 ? "(empty)" : text;
    }
}
