using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>A request that failed.</summary>
/// <param name="Id">The request id (0 when it could not be read).</param>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">What went wrong, naming the field for INVALID_PARAMS.</param>
public sealed record ErrorResponse(ulong Id, int Code, string Message) : Response(Id)
{
    private static readonly StructFields Fields = new("Error", 3, "id", "code", "message");

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
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong id = 0;
        int code = 0;
        string message = string.Empty;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: id = reader.ReadUInt64(); break;
                case 1: code = reader.ReadInt32(); break;
                case 2: message = reader.ReadString(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new ErrorResponse(id, code, message);
    }
}
