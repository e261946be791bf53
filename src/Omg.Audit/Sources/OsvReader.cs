using System.Text.Json;

namespace Omg.Audit.Sources;

/// <summary>
/// Reads OSV records (schema 1.6): one record per JSON document, or an array of them. Withdrawn
/// records are skipped; ranges other than ECOSYSTEM and SEMVER (GIT) do not name package versions and are skipped.
/// </summary>
public static class OsvReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses one JSON document (a record or an array of records) into <paramref name="into"/>.</summary>
    /// <returns>The ids of the records read (not withdrawn).</returns>
    /// <exception cref="AdvisoryImportException">The document is not valid JSON or not an OSV record.</exception>
    public static IReadOnlyList<string> Read(ReadOnlyMemory<byte> json, string origin, List<AffectedEntry> into)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new AdvisoryImportException($"{origin}: not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            try
            {
                return ReadDocument(document.RootElement, origin, into);
            }
            catch (InvalidOperationException ex)
            {
                // Kinds are checked before every value is read, so this is System.Text.Json refusing a string's text:
                // bytes that are not UTF-8, or an escaped lone surrogate.
                throw new AdvisoryImportException($"{origin}: a string is not valid Unicode ({ex.Message})", ex);
            }
        }
    }

    private static List<string> ReadDocument(JsonElement root, string origin, List<AffectedEntry> into)
    {
        var ids = new List<string>();
        if (root.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement record in root.EnumerateArray())
            {
                ReadRecord(record, $"{origin}[{i++}]", into, ids);
            }
        }
        else
        {
            ReadRecord(root, origin, into, ids);
        }

        return ids;
    }

    private static void ReadRecord(JsonElement record, string origin, List<AffectedEntry> into, List<string> ids)
    {
        if (record.ValueKind != JsonValueKind.Object || !record.TryGetProperty("id", out JsonElement idElement) || idElement.ValueKind != JsonValueKind.String)
        {
            throw new AdvisoryImportException($"{origin}: not an OSV record (no string \"id\")");
        }

        string id = idElement.GetString()!;
        if (record.TryGetProperty("withdrawn", out JsonElement withdrawn) && withdrawn.ValueKind == JsonValueKind.String && withdrawn.GetString()!.Length > 0)
        {
            return;
        }

        var info = new AdvisoryInfo(
            id,
            Strings(record, "aliases"),
            Summary(record),
            Vector(record),
            DatabaseSeverity(record),
            origin);
        ids.Add(id);
        if (!record.TryGetProperty("affected", out JsonElement affected))
        {
            return;
        }

        if (affected.ValueKind != JsonValueKind.Array)
        {
            throw new AdvisoryImportException($"{origin}: {id}: \"affected\" is not an array");
        }

        foreach (JsonElement entry in affected.EnumerateArray())
        {
            if (!entry.TryGetProperty("package", out JsonElement package) || package.ValueKind != JsonValueKind.Object
                || Text(package, "ecosystem") is not { Length: > 0 } ecosystem || Text(package, "name") is not { Length: > 0 } name)
            {
                // Records may name only a repository (GIT ranges); there is no package to match.
                continue;
            }

            var ranges = new List<AffectedRange>();
            if (entry.TryGetProperty("ranges", out JsonElement rangeList) && rangeList.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement range in rangeList.EnumerateArray())
                {
                    string? type = Text(range, "type");
                    if (type is not ("ECOSYSTEM" or "SEMVER"))
                    {
                        continue;
                    }

                    ranges.Add(new AffectedRange(type == "SEMVER", Events(range, origin, id)));
                }
            }

            IReadOnlyList<string> versions = Strings(entry, "versions");
            if (ranges.Count > 0 || versions.Count > 0)
            {
                into.Add(new AffectedEntry(ecosystem, name, info, ranges, versions));
            }
        }
    }

    private static List<RangeEvent> Events(JsonElement range, string origin, string id)
    {
        var events = new List<RangeEvent>();
        if (!range.TryGetProperty("events", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new AdvisoryImportException($"{origin}: {id}: a range has no \"events\" array");
        }

        foreach (JsonElement e in list.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new AdvisoryImportException($"{origin}: {id}: a range event is not an object");
            }

            foreach (JsonProperty property in e.EnumerateObject())
            {
                RangeEventKind? kind = property.Name switch
                {
                    "introduced" => RangeEventKind.Introduced,
                    "fixed" => RangeEventKind.Fixed,
                    "last_affected" => RangeEventKind.LastAffected,
                    "limit" => RangeEventKind.Limit,
                    _ => null,
                };
                if (kind is { } k && property.Value.ValueKind == JsonValueKind.String)
                {
                    events.Add(new RangeEvent(k, property.Value.GetString()!));
                }
            }
        }

        return events;
    }

    private static string Summary(JsonElement record)
    {
        if (Text(record, "summary") is { Length: > 0 } summary)
        {
            return summary;
        }

        string details = Text(record, "details") ?? string.Empty;
        int newline = details.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? details : details[..newline]).Trim();
    }

    // v4.0 is preferred: where a record has both, the newer vector is the better-informed one.
    private static string? Vector(JsonElement record)
    {
        if (!record.TryGetProperty("severity", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        string? v3 = null, v4 = null;
        foreach (JsonElement severity in list.EnumerateArray())
        {
            string? type = Text(severity, "type");
            string? score = Text(severity, "score");
            if (type == "CVSS_V4")
            {
                v4 ??= score;
            }
            else if (type == "CVSS_V3")
            {
                v3 ??= score;
            }
        }

        return v4 ?? v3;
    }

    private static string? DatabaseSeverity(JsonElement record) =>
        record.TryGetProperty("database_specific", out JsonElement specific) && specific.ValueKind == JsonValueKind.Object
            ? Text(specific, "severity")
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var values = new List<string>(list.GetArrayLength());
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
        }

        return values;
    }
}
