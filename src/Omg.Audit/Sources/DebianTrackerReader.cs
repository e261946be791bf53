using System.Text.Json;

namespace Omg.Audit.Sources;

/// <summary>
/// Reads the Debian security tracker's JSON (<c>https://security-tracker.debian.org/tracker/data/json</c>):
/// <c>{source: {CVE: {description, releases: {codename: {status, fixed_version, urgency}}}}}</c>.
/// Token by token over the bytes, no document tree: the real file is tens of megabytes.
/// </summary>
/// <remarks>
/// Per release: <c>open</c> affects every version; <c>resolved</c> affects versions before
/// <c>fixed_version</c>, and a <c>fixed_version</c> of <c>0</c> means the release never had the bug;
/// <c>undetermined</c> is kept and reported as such. Entries become ranges in dpkg order under the
/// ecosystem <c>Debian:&lt;codename&gt;</c>.
/// </remarks>
public static class DebianTrackerReader
{
    /// <summary>The ecosystem prefix of tracker entries.</summary>
    public const string EcosystemPrefix = "Debian:";

    private static readonly IReadOnlyList<AffectedRange> EveryVersion = [new AffectedRange(false, [new RangeEvent(RangeEventKind.Introduced, "0")])];

    /// <summary>Parses a tracker document.</summary>
    /// <param name="json">The whole file.</param>
    /// <param name="origin">The source, for messages.</param>
    /// <param name="keepRelease">Which release codenames to keep; null keeps all.</param>
    /// <exception cref="AdvisoryImportException">The bytes are not a complete, well-formed tracker document.</exception>
    public static AdvisorySet Read(ReadOnlySpan<byte> json, string origin, Func<string, bool>? keepRelease = null)
    {
        var entries = new List<AffectedEntry>();
        var advisories = new HashSet<string>(StringComparer.Ordinal);
        int packages = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, origin, "the document must be an object of source packages");
            while (Next(ref reader, origin) == JsonTokenType.PropertyName)
            {
                string package = reader.GetString()!;
                packages++;
                Expect(ref reader, JsonTokenType.StartObject, origin, $"package '{package}' must be an object of CVEs");
                while (Next(ref reader, origin) == JsonTokenType.PropertyName)
                {
                    string cve = reader.GetString()!;
                    advisories.Add(cve);
                    ReadCve(ref reader, origin, package, cve, keepRelease, entries);
                }
            }

            if (reader.Read())
            {
                throw new AdvisoryImportException($"{origin}: data after the end of the document at byte {reader.TokenStartIndex}");
            }
        }
        catch (JsonException ex)
        {
            throw new AdvisoryImportException($"{origin}: not a complete JSON document (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}): {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Token types are checked before every read, so this is System.Text.Json refusing a string's text: bytes
            // that are not UTF-8, or an escaped lone surrogate.
            throw new AdvisoryImportException($"{origin}: a string near byte {reader.TokenStartIndex} is not valid Unicode ({ex.Message})", ex);
        }

        if (packages == 0)
        {
            throw new AdvisoryImportException($"{origin}: the tracker document names no packages");
        }

        return new AdvisorySet(origin, entries, advisories.Count, packages);
    }

    private static void ReadCve(ref Utf8JsonReader reader, string origin, string package, string cve, Func<string, bool>? keepRelease, List<AffectedEntry> entries)
    {
        Expect(ref reader, JsonTokenType.StartObject, origin, $"{package}/{cve} must be an object");
        string description = string.Empty;
        int first = entries.Count;
        while (Next(ref reader, origin) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("description"u8))
            {
                description = Next(ref reader, origin) == JsonTokenType.String ? FirstLine(reader.GetString()!) : SkipValue(ref reader);
            }
            else if (reader.ValueTextEquals("releases"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject, origin, $"{package}/{cve}: releases must be an object");
                while (Next(ref reader, origin) == JsonTokenType.PropertyName)
                {
                    string release = reader.GetString()!;
                    ReadRelease(ref reader, origin, package, cve, release, keepRelease is null || keepRelease(release), entries);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // The description may come after releases; entries read so far get it now.
        if (description.Length > 0)
        {
            for (int i = first; i < entries.Count; i++)
            {
                entries[i] = entries[i] with { Advisory = entries[i].Advisory with { Summary = description } };
            }
        }
    }

    private static void ReadRelease(ref Utf8JsonReader reader, string origin, string package, string cve, string release, bool keep, List<AffectedEntry> entries)
    {
        Expect(ref reader, JsonTokenType.StartObject, origin, $"{package}/{cve}/{release} must be an object");
        string? status = null, fixedVersion = null, urgency = null;
        while (Next(ref reader, origin) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("status"u8))
            {
                status = StringValue(ref reader, origin);
            }
            else if (reader.ValueTextEquals("fixed_version"u8))
            {
                fixedVersion = StringValue(ref reader, origin);
            }
            else if (reader.ValueTextEquals("urgency"u8))
            {
                urgency = StringValue(ref reader, origin);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!keep)
        {
            return;
        }

        var info = new AdvisoryInfo(cve, [], string.Empty, null, Urgency(urgency), origin);
        string ecosystem = EcosystemPrefix + release;
        switch (status)
        {
            case "open":
                entries.Add(new AffectedEntry(ecosystem, package, info, EveryVersion, []));
                break;
            case "undetermined":
                entries.Add(new AffectedEntry(ecosystem, package, info, EveryVersion, []) { Undetermined = true });
                break;
            case "resolved" when fixedVersion is { Length: > 0 } and not "0":
                entries.Add(new AffectedEntry(ecosystem, package, info,
                    [new AffectedRange(false, [new RangeEvent(RangeEventKind.Introduced, "0"), new RangeEvent(RangeEventKind.Fixed, fixedVersion)])], []));
                break;
            default:
                // resolved with "0" (never affected), resolved without a version, or a status we do not know: not affected.
                break;
        }
    }

    // "high**" marks urgencies the tracker inferred rather than assigned; the word is what counts.
    private static string? Urgency(string? urgency) =>
        urgency is null ? null : urgency.TrimEnd('*').Trim() is { Length: > 0 } word ? word : null;

    private static string FirstLine(string text)
    {
        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? text : text[..newline]).Trim();
    }

    private static string? StringValue(ref Utf8JsonReader reader, string origin)
    {
        JsonTokenType type = Next(ref reader, origin);
        if (type == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static string SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return string.Empty;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader, string origin)
    {
        if (!reader.Read())
        {
            throw new AdvisoryImportException($"{origin}: the document ends early at byte {reader.BytesConsumed} (truncated?)");
        }

        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string origin, string what)
    {
        if (Next(ref reader, origin) != type)
        {
            throw new AdvisoryImportException($"{origin}: {what}, found {reader.TokenType} at byte {reader.TokenStartIndex}");
        }
    }

    /// <summary>True when the bytes look like a tracker document rather than an OSV record: an object whose first value is an object.</summary>
    public static bool LooksLikeTracker(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
                && reader.Read() && reader.TokenType == JsonTokenType.StartObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
