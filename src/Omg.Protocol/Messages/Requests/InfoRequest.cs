using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>Asks for one package's detailed metadata. Wire form: <c>{"Info": {"id": N, "package": "..."}}</c>.</summary>
/// <param name="Id">The request id.</param>
/// <param name="Package">The exact package name.</param>
public sealed record InfoRequest(ulong Id, string Package) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Info";

    /// <inheritdoc />
    public override string Variant => Name;

    internal static InfoRequest ReadBody(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = FieldReader.ReadStructHeader(ref reader, Name);
        uint seen = 0;
        ulong id = 0;
        string package = string.Empty;
        for (int i = 0; i < count; i++)
        {
            int keyAt = reader.Position;
            ReadOnlySpan<byte> key = FieldReader.ReadKey(ref reader, Name);
            if (key.SequenceEqual("id"u8))
            {
                FieldReader.MarkSeen(ref seen, 0, key, Name, keyAt);
                id = reader.ReadUInt64();
            }
            else if (key.SequenceEqual("package"u8))
            {
                FieldReader.MarkSeen(ref seen, 1, key, Name, keyAt);
                package = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        FieldReader.Require(seen, 0, "id", Name, start);
        FieldReader.Require(seen, 1, "package", Name, start);
        return new InfoRequest(id, package);
    }

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteStringUtf8("id"u8);
        writer.WriteUInt64(Id);
        writer.WriteStringUtf8("package"u8);
        writer.WriteString(Package);
    }
}
