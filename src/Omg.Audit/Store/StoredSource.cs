using System.Text.Json;

namespace Omg.Audit.Store;

/// <summary>What the store remembers about one imported source, beside its data file.</summary>
/// <param name="Origin">The path or URL it was imported from.</param>
/// <param name="ETag">The server's ETag of the last download, for If-None-Match.</param>
/// <param name="LastModified">The server's Last-Modified of the last download, for If-Modified-Since.</param>
/// <param name="ImportedAt">When it was imported.</param>
public sealed record StoredSource(string Origin, string? ETag, string? LastModified, DateTimeOffset ImportedAt)
{
    /// <summary>The sidecar as JSON.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("origin", Origin);
            if (ETag is not null)
            {
                writer.WriteString("etag", ETag);
            }

            if (LastModified is not null)
            {
                writer.WriteString("last_modified", LastModified);
            }

            writer.WriteString("imported_at", ImportedAt);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Parses a sidecar; null when it is not one.</summary>
    public static StoredSource? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("origin", out JsonElement origin) || origin.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return new StoredSource(
                origin.GetString()!,
                Text(root, "etag"),
                Text(root, "last_modified"),
                root.TryGetProperty("imported_at", out JsonElement at) && at.TryGetDateTimeOffset(out DateTimeOffset when) ? when : DateTimeOffset.MinValue);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
