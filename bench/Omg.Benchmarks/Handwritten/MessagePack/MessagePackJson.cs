using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Omg.Benchmarks.Handwritten.MessagePack;

/// <summary>
/// Converts between <see cref="MessagePackValue"/> trees and JSON, because modules speak JSON.
/// JSON to MessagePack and back gives the same JSON values: integers stay integers (up to 2^64-1),
/// numbers with a fraction or exponent become float64 and are written back with a fraction.
/// MessagePack values JSON cannot hold are mapped one way, as docs/protocol.md describes:
/// binary becomes a base64 string; a timestamp an ISO-8601 UTC string; another extension the object
/// <c>{"$ext": type, "data": base64}</c>; a non-string map key the JSON text of the key (a binary key
/// its base64); NaN and infinities the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
/// A JSON object with a repeated key keeps the last value, as JSON parsers in most languages do.
/// </summary>
public static class MessagePackJson
{
    /// <summary>Parses JSON text into a value tree.</summary>
    /// <exception cref="JsonException">The text is not JSON, or nests deeper than <paramref name="maxDepth"/>.</exception>
    public static MessagePackValue Parse(string json, int maxDepth = MessagePackReader.DefaultMaxDepth)
    {
        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth });
        return FromElement(document.RootElement);
    }

    /// <summary>Parses UTF-8 JSON into a value tree.</summary>
    public static MessagePackValue Parse(ReadOnlyMemory<byte> utf8Json, int maxDepth = MessagePackReader.DefaultMaxDepth)
    {
        using JsonDocument document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = maxDepth });
        return FromElement(document.RootElement);
    }

    /// <summary>Converts a parsed JSON element into a value tree.</summary>
    public static MessagePackValue FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return MessagePackValue.Nil;
            case JsonValueKind.True:
                return MessagePackValue.True;
            case JsonValueKind.False:
                return MessagePackValue.False;
            case JsonValueKind.String:
                return MessagePackValue.From(element.GetString());
            case JsonValueKind.Number:
                if (element.TryGetInt64(out long l))
                {
                    return MessagePackValue.From(l);
                }

                if (element.TryGetUInt64(out ulong u))
                {
                    return MessagePackValue.From(u);
                }

                return MessagePackValue.From(element.GetDouble());
            case JsonValueKind.Array:
                var items = new List<MessagePackValue>(element.GetArrayLength());
                foreach (JsonElement item in element.EnumerateArray())
                {
                    items.Add(FromElement(item));
                }

                return MessagePackValue.Array(items);
            case JsonValueKind.Object:
                // Last one wins for repeated keys; the index keeps the first key's position.
                var pairs = new List<KeyValuePair<MessagePackValue, MessagePackValue>>();
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    var pair = KeyValuePair.Create(MessagePackValue.From(property.Name), FromElement(property.Value));
                    if (index.TryGetValue(property.Name, out int at))
                    {
                        pairs[at] = pair;
                    }
                    else
                    {
                        index[property.Name] = pairs.Count;
                        pairs.Add(pair);
                    }
                }

                return MessagePackValue.Map(pairs);
            default:
                throw new JsonException($"Unsupported JSON value kind {element.ValueKind}.");
        }
    }

    /// <summary>Renders a value tree as JSON text.</summary>
    public static string ToJson(MessagePackValue value, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, SkipValidation = false, MaxDepth = 1000 }))
        {
            Write(value, writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes a value tree as JSON.</summary>
    public static void Write(MessagePackValue value, Utf8JsonWriter writer)
    {
        switch (value.Kind)
        {
            case MessagePackValueKind.Nil:
                writer.WriteNullValue();
                break;
            case MessagePackValueKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case MessagePackValueKind.Integer:
                if (value.IsNegative)
                {
                    writer.WriteNumberValue(value.AsInt64());
                }
                else
                {
                    writer.WriteNumberValue(value.AsUInt64());
                }

                break;
            case MessagePackValueKind.Float32:
            case MessagePackValueKind.Float64:
                WriteFloat(value, writer);
                break;
            case MessagePackValueKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case MessagePackValueKind.Binary:
                writer.WriteBase64StringValue(value.AsBinary().Span);
                break;
            case MessagePackValueKind.Timestamp:
                writer.WriteStringValue(value.AsTimestamp().ToString());
                break;
            case MessagePackValueKind.Extension:
                (sbyte type, ReadOnlyMemory<byte> data) = value.AsExtension();
                writer.WriteStartObject();
                writer.WriteNumber("$ext", type);
                writer.WriteBase64String("data", data.Span);
                writer.WriteEndObject();
                break;
            case MessagePackValueKind.Array:
                writer.WriteStartArray();
                foreach (MessagePackValue item in value.AsArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case MessagePackValueKind.Map:
                writer.WriteStartObject();
                foreach (KeyValuePair<MessagePackValue, MessagePackValue> pair in value.AsMap())
                {
                    writer.WritePropertyName(KeyText(pair.Key));
                    Write(pair.Value, writer);
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>The JSON property name used for a map key.</summary>
    public static string KeyText(MessagePackValue key) => key.Kind switch
    {
        MessagePackValueKind.String => key.AsString(),
        MessagePackValueKind.Binary => Convert.ToBase64String(key.AsBinary().Span),
        MessagePackValueKind.Timestamp => key.AsTimestamp().ToString(),
        _ => ToJson(key),
    };

    private static void WriteFloat(MessagePackValue value, Utf8JsonWriter writer)
    {
        double d = value.AsDouble();
        if (double.IsNaN(d))
        {
            writer.WriteStringValue("NaN");
            return;
        }

        if (double.IsInfinity(d))
        {
            writer.WriteStringValue(d > 0 ? "Infinity" : "-Infinity");
            return;
        }

        // float32 is printed at its own precision so 0.1f reads back as 0.1, not 0.10000000149011612.
        string text = value.Kind == MessagePackValueKind.Float32
            ? ((float)d).ToString("R", CultureInfo.InvariantCulture)
            : d.ToString("R", CultureInfo.InvariantCulture);
        if (text.AsSpan().IndexOfAny('.', 'E', 'e') < 0)
        {
            // A float keeps a fraction so that it reads back as a float, not an integer.
            text += ".0";
        }

        writer.WriteRawValue(text, skipInputValidation: true);
    }
}
