using MessagePack;
using MessagePack.Formatters;
using Omg.Protocol.Messages;
using ProtocolReader = Omg.Protocol.MessagePack.MessagePackReader;
using ProtocolWriter = Omg.Protocol.MessagePack.MessagePackWriter;

namespace Omg.Protocol.Formatters;

/// <summary>
/// Writes and reads a <see cref="Response"/> in the protocol's serde shape for code that composes MessagePack-CSharp
/// serialization itself (see <see cref="ProtocolResolver"/>); the bytes are those of <see cref="MessageCodec"/>.
/// Reads run under the options' <see cref="MessagePackSerializerOptions.Security"/>: pass
/// <see cref="MessagePack.MessagePackLimits.Untrusted"/> for network input.
/// </summary>
public sealed class ResponseFormatter : IMessagePackFormatter<Response>
{
    /// <summary>The formatter; it holds no state.</summary>
    public static ResponseFormatter Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, Response value, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        var ours = new ProtocolWriter(writer);
        value.Write(ref ours);
        writer = ours.Inner;
    }

    /// <inheritdoc />
    /// <exception cref="MessagePack.MessagePackException">The bytes are not a response.</exception>
    public Response Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ours = new ProtocolReader(reader, options.Security);
        Response response;
        try
        {
            response = Response.Read(ref ours);
        }
        catch (Exception ex) when (ProtocolReader.IsLibraryFailure(ex))
        {
            throw ours.Translate(ex);
        }

        reader = ours.Inner;
        return response;
    }
}
