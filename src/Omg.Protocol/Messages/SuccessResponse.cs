using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>A request that succeeded, with its result.</summary>
/// <param name="Id">The request id.</param>
/// <param name="Result">The result.</param>
public sealed record SuccessResponse(ulong Id, ResponseResult Result) : Response(Id)
{
    private const string TypeName = "Success";

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
        int count = FieldReader.ReadStructHeader(ref reader, TypeName);
        uint seen = 0;
        ulong id = 0;
        ResponseResult? result = null;
        for (int i = 0; i < count; i++)
        {
            int keyAt = reader.Position;
            ReadOnlySpan<byte> key = FieldReader.ReadKey(ref reader, TypeName);
            if (key.SequenceEqual("id"u8))
            {
                FieldReader.MarkSeen(ref seen, 0, key, TypeName, keyAt);
                id = reader.ReadUInt64();
            }
            else if (key.SequenceEqual("result"u8))
            {
                FieldReader.MarkSeen(ref seen, 1, key, TypeName, keyAt);
                result = ResponseResult.Read(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        FieldReader.Require(seen, 0, "id", TypeName, start);
        FieldReader.Require(seen, 1, "result", TypeName, start);
        return new SuccessResponse(id, result!);
    }
}
