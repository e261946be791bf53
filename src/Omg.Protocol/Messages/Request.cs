using System.Text;
using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>
/// A request to omgd. On the wire it is the seed's Rust enum as rmp-serde writes it with named fields:
/// a map with one key, the variant name, whose value is the map of the variant's fields,
/// e.g. <c>{"Search": {"id": 7, "query": "vim", "limit": 5}}</c>.
/// </summary>
/// <param name="Id">The id the response will carry, chosen by the client.</param>
public abstract record Request(ulong Id)
{
    /// <summary>The variant name on the wire (<c>Search</c>, <c>Info</c>, ...).</summary>
    public abstract string Variant { get; }

    /// <summary>Writes the request.</summary>
    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString(Variant);
        WriteBody(ref writer);
    }

    /// <summary>
    /// Reads one request. An unknown variant inside a well-formed map yields <see cref="UnknownRequest"/>
    /// (its body skipped, its id kept when readable) so a Batch can answer that item alone.
    /// </summary>
    /// <exception cref="MessagePackException">The bytes are not a request.</exception>
    internal static Request Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        if (reader.NextType != MessagePackType.Map)
        {
            throw reader.Error($"a request must be a map with one key, the request type; found {reader.NextType.ToString().ToLowerInvariant()}");
        }

        if (reader.ReadMapHeader() != 1)
        {
            throw new MessagePackException("a request must be a map with exactly one key, the request type", start);
        }

        reader.EnterNested();
        ReadOnlySpan<byte> variant = FieldReader.ReadKeyBytes(ref reader, "request");
        Request request = variant switch
        {
            _ when variant.SequenceEqual("Search"u8) => SearchRequest.ReadBody(ref reader),
            _ when variant.SequenceEqual("Info"u8) => InfoRequest.ReadBody(ref reader),
            _ when variant.SequenceEqual("Status"u8) => new StatusRequest(ReadIdOnly(ref reader, StatusRequest.Fields)),
            _ when variant.SequenceEqual("SecurityAudit"u8) => new SecurityAuditRequest(ReadIdOnly(ref reader, SecurityAuditRequest.Fields)),
            _ when variant.SequenceEqual("Batch"u8) => BatchRequest.ReadBody(ref reader),
            _ when variant.SequenceEqual("Suggest"u8) => SuggestRequest.ReadBody(ref reader),
            _ when variant.SequenceEqual("Ping"u8) => new PingRequest(ReadIdOnly(ref reader, PingRequest.Fields)),
            _ when variant.SequenceEqual("Metrics"u8) => new MetricsRequest(ReadIdOnly(ref reader, MetricsRequest.Fields)),
            _ when variant.SequenceEqual("Runtimes"u8) => new RuntimesRequest(ReadIdOnly(ref reader, RuntimesRequest.Fields)),
            _ when variant.SequenceEqual("Modules"u8) => new ModulesRequest(ReadIdOnly(ref reader, ModulesRequest.Fields)),
            _ when variant.SequenceEqual("Module"u8) => ModuleRequest.ReadBody(ref reader),
            _ when variant.SequenceEqual("UpdateAdvisories"u8) => UpdateAdvisoriesRequest.ReadBody(ref reader),
            _ => ReadUnknown(ref reader, FieldReader.ValidKey(variant, reader.ValueStart)),
        };
        reader.LeaveNested();
        return request;
    }

    /// <summary>
    /// Reads the id of a request that may be malformed, for answering it with an error the client can
    /// match. Never throws.
    /// </summary>
    /// <returns>The id, or null when none can be read.</returns>
    public static unsafe ulong? ProbeId(ReadOnlySpan<byte> encoded)
    {
        fixed (byte* pointer = encoded)
        {
            using PinnedSpan.Lease lease = PinnedSpan.Rent(pointer, encoded.Length);
            return ProbeId(lease.Memory);
        }
    }

    /// <summary>Reads the id of a request that may be malformed; never throws.</summary>
    internal static ulong? ProbeId(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            var reader = new MessagePackReader(encoded);
            if (reader.NextType != MessagePackType.Map || reader.ReadMapHeader() < 1 || reader.NextType != MessagePackType.String)
            {
                return null;
            }

            reader.ReadStringUtf8();
            return ProbeIdInBody(reader);
        }
        catch (Exception ex) when (ex is MessagePackException || MessagePackReader.IsLibraryFailure(ex))
        {
            return null;
        }
    }

    /// <summary>Writes the variant's field map.</summary>
    private protected abstract void WriteBody(ref MessagePackWriter writer);

    /// <summary>Writes the field map of a variant whose only field is the id.</summary>
    private protected void WriteIdOnly(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteStringUtf8("id"u8);
        writer.WriteUInt64(Id);
    }

    private static ulong ReadIdOnly(ref MessagePackReader reader, StructFields fields)
    {
        int start = reader.Position;
        int count = fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong id = 0;
        for (int i = 0; i < count; i++)
        {
            if (fields.Next(ref reader, ref seen) == 0)
            {
                id = reader.ReadUInt64();
            }
        }

        fields.RequireAll(seen, start);
        return id;
    }

    private static UnknownRequest ReadUnknown(ref MessagePackReader reader, string variant)
    {
        ulong? id = ProbeIdInBody(reader);
        reader.Skip();
        return new UnknownRequest(id ?? 0, variant);
    }

    // Reads on a copy of the reader, so the caller's position is untouched.
    private static ulong? ProbeIdInBody(MessagePackReader reader)
    {
        try
        {
            if (reader.NextType != MessagePackType.Map)
            {
                return null;
            }

            int count = reader.ReadMapHeader();
            for (int i = 0; i < count; i++)
            {
                if (reader.NextType != MessagePackType.String)
                {
                    reader.Skip();
                }
                else if (reader.ReadStringUtf8().SequenceEqual("id"u8))
                {
                    return reader.NextType == MessagePackType.Integer ? reader.ReadUInt64() : null;
                }

                reader.Skip();
            }
        }
        catch (Exception ex) when (ex is MessagePackException || MessagePackReader.IsLibraryFailure(ex))
        {
            // Whatever could not be read has no id to offer.
        }

        return null;
    }
}
