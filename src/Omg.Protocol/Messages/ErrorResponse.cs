using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>A request that failed.</summary>
/// <param name="Id">The request id (0 when it could not be read).</param>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">What went wrong, naming the field for INVALID_PARAMS.</param>
public sealed record ErrorResponse(ulong Id, int Code, string Message) : Response(Id)
{
    private const string TypeName = "Error";

    /// <inheritdoc />
    public override void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteStringUtf8("Error"u8);
        writer.WriteMapHeader(3);
        writer.WriteStringUtf8("id"u8);
        writer.WriteUInt64(Id);
        writer.WriteStringUtf8("code"u8);
        writer.WriteInt64(Code);
        writer.WriteStringUtf8("message"u8);
        writer.WriteString(Message);
    }

    internal static ErrorResponse ReadBody(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = FieldReader.ReadStructHeader(ref reader, TypeName);
        uint seen = 0;
        ulong id = 0;
        int code = 0;
        string message = string.Empty;
        for (int i = 0; i < count; i++)
        {
            int keyAt = reader.Position;
            ReadOnlySpan<byte> key = FieldReader.ReadKey(ref reader, TypeName);
            if (key.SequenceEqual("id"u8))
            {
                FieldReader.MarkSeen(ref seen, 0, key, TypeName, keyAt);
                id = reader.ReadUInt64();
            }
            else if (key.SequenceEqual("code"u8))
            {
                FieldReader.MarkSeen(ref seen, 1, key, TypeName, keyAt);
                code = reader.ReadInt32();
            }
            else if (key.SequenceEqual("message"u8))
            {
                FieldReader.MarkSeen(ref seen, 2, key, TypeName, keyAt);
                message = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        FieldReader.Require(seen, 0, "id", TypeName, start);
        FieldReader.Require(seen, 1, "code", TypeName, start);
        FieldReader.Require(seen, 2, "message", TypeName, start);
        return new ErrorResponse(id, code, message);
    }
}
