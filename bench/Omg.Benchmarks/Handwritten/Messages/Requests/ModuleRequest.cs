using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>
/// Runs one SysInspect-style module. Wire form: <c>{"Module": {"id": N, "name": "sys.proc", "request": {...}}}</c>
/// where <c>request</c> is the module contract's JSON object as a MessagePack map.
/// </summary>
/// <param name="Id">The request id.</param>
/// <param name="Name">The module name, dotted (<c>sys.proc</c>, <c>py3.hello</c>).</param>
/// <param name="Arguments">The module request map (<c>arguments</c>, <c>options</c>, extra fields).</param>
/// <param name="TimeoutMs">
/// Additive field <c>timeout_ms</c>: how long the module may run before omgd kills it; null (absent on the wire)
/// for omgd's configured default.
/// </param>
public sealed record ModuleRequest(ulong Id, string Name, MessagePackValue Arguments, ulong? TimeoutMs = null) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string VariantName = "Module";

    private static readonly StructFields Fields = new(VariantName, 2, "id", "name", "request", "timeout_ms");

    /// <inheritdoc />
    public override string Variant => VariantName;

    internal static ModuleRequest ReadBody(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong id = 0;
        string name = string.Empty;
        MessagePackValue request = MessagePackValue.Nil;
        ulong? timeout = null;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: id = reader.ReadUInt64(); break;
                case 1: name = reader.ReadString(); break;
                case 2: request = MessagePackValue.Read(ref reader); break;
                case 3: timeout = FieldReader.ReadOptionalUInt64(ref reader); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new ModuleRequest(id, name, request, timeout);
    }

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer)
    {
        // Without a timeout the map is the three keys older peers know.
        writer.WriteMapHeader(TimeoutMs is null ? 3 : 4);
        writer.WriteStringUtf8("id"u8);
        writer.WriteUInt64(Id);
        writer.WriteStringUtf8("name"u8);
        writer.WriteString(Name);
        writer.WriteStringUtf8("request"u8);
        Arguments.Write(ref writer);
        if (TimeoutMs is { } timeoutMs)
        {
            writer.WriteStringUtf8("timeout_ms"u8);
            writer.WriteUInt64(timeoutMs);
        }
    }
}
