using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>Asks for one package's detailed metadata. Wire form: <c>{"Info": {"id": N, "package": "..."}}</c>.</summary>
/// <param name="Id">The request id.</param>
/// <param name="Package">The exact package name.</param>
public sealed record InfoRequest(ulong Id, string Package) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Info";

    private static readonly StructFields Fields = new(Name, 2, "id", "package");

    /// <inheritdoc />
    public override string Variant => Name;

    internal static InfoRequest ReadBody(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong id = 0;
        string package = string.Empty;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: id = reader.ReadUInt64(); break;
                case 1: package = reader.ReadString(); break;
            }
        }

        Fields.RequireAll(seen, start);
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
