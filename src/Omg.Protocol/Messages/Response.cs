using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>
/// A response from omgd: the seed's <c>Response</c> enum, <c>{"Success": {"id": N, "result": ResponseResult}}</c>
/// or <c>{"Error": {"id": N, "code": C, "message": "..."}}</c>.
/// </summary>
/// <param name="Id">The id of the request this answers (0 when the request's id was unreadable).</param>
public abstract record Response(ulong Id)
{
    /// <summary>Writes the response.</summary>
    internal abstract void Write(ref MessagePackWriter writer);

    /// <summary>Reads one response.</summary>
    /// <exception cref="MessagePackException">The bytes are not a response.</exception>
    internal static Response Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        if (reader.NextType != MessagePackType.Map || reader.ReadMapHeader() != 1)
        {
            throw new MessagePackException("a response must be a map with exactly one key, Success or Error", start);
        }

        reader.EnterNested();
        ReadOnlySpan<byte> variant = FieldReader.ReadKeyBytes(ref reader, "response");
        Response response;
        if (variant.SequenceEqual("Success"u8))
        {
            response = SuccessResponse.ReadBody(ref reader);
        }
        else if (variant.SequenceEqual("Error"u8))
        {
            response = ErrorResponse.ReadBody(ref reader);
        }
        else
        {
            throw new MessagePackException($"unknown response type '{FieldReader.ValidKey(variant, reader.ValueStart)}'", start);
        }

        reader.LeaveNested();
        return response;
    }
}
