using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>A request that succeeded, with its result.</summary>
/// <param name="Id">The request id.</param>
/// <param name="Result">The result.</param>
public sealed record SuccessResponse(ulong Id, ResponseResult Result) : Response(Id)
{
    private static readonly StructFields Fields = new("Success", 2, "id", "result");

    /// <inheritdoc />
    public override void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteStringUtf8("Success"u8);
        writer.WriteMapHeader(2);
        writer.WriteStringUtf8("id"u8);
        writer.WriteUInt64(Id);
        writer.WriteStringUtf8("result"u8);
        Result.Write(ref writer);
    }

    internal static SuccessResponse ReadBody(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong id = 0;
        ResponseResult? result = null;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: id = reader.ReadUInt64(); break;
                case 1: result = ResponseResult.Read(ref reader); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new SuccessResponse(id, result!);
    }
}
