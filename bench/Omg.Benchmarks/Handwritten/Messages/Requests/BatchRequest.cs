using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>
/// Several requests in one round trip; answered with <c>Batch([Response])</c> in request order.
/// Wire form: <c>{"Batch": {"id": N, "requests": [Request, ...]}}</c>.
/// </summary>
/// <param name="Id">The request id.</param>
/// <param name="Requests">The items (at most 100, none of them a Batch).</param>
public sealed record BatchRequest(ulong Id, IReadOnlyList<Request> Requests) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Batch";

    private static readonly StructFields Fields = new(Name, 2, "id", "requests");

    /// <inheritdoc />
    public override string Variant => Name;

    internal static BatchRequest ReadBody(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong id = 0;
        Request[] requests = [];
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0:
                    id = reader.ReadUInt64();
                    break;
                case 1:
                    int items = reader.ReadArrayHeader();
                    reader.EnterNested();
                    requests = new Request[items];
                    for (int j = 0; j < items; j++)
                    {
                        requests[j] = Request.Read(ref reader);
                    }

                    reader.LeaveNested();
                    break;
            }
        }

        Fields.RequireAll(seen, start);
        return new BatchRequest(id, requests);
    }

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteStringUtf8("id"u8);
        writer.WriteUInt64(Id);
        writer.WriteStringUtf8("requests"u8);
        writer.WriteArrayHeader(Requests.Count);
        foreach (Request request in Requests)
        {
            request.Write(ref writer);
        }
    }
}
