using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>
/// Imports or downloads vulnerability advisories. Wire form:
/// <c>{"UpdateAdvisories": {"id": N, "source": "path-or-url"|nil}}</c>; nil uses the configured sources.
/// </summary>
/// <param name="Id">The request id.</param>
/// <param name="Source">A file path or URL to import from; null for the configured sources.</param>
public sealed record UpdateAdvisoriesRequest(ulong Id, string? Source = null) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "UpdateAdvisories";

    private static readonly StructFields Fields = new(Name, 1, "id", "source");

    /// <inheritdoc />
    public override string Variant => Name;

    internal static UpdateAdvisoriesRequest ReadBody(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong id = 0;
        string? source = null;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: id = reader.ReadUInt64(); break;
                case 1: source = reader.ReadNullableString(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new UpdateAdvisoriesRequest(id, source);
    }

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteStringUtf8("id"u8);
        writer.WriteUInt64(Id);
        writer.WriteStringUtf8("source"u8);
        writer.WriteString(Source);
    }
}
