using MessagePack;
using MessagePack.Formatters;
using Omg.Protocol.Messages;
using ProtocolReader = Omg.Protocol.MessagePack.MessagePackReader;
using ProtocolWriter = Omg.Protocol.MessagePack.MessagePackWriter;

namespace Omg.Protocol.Formatters;

/// <summary>
/// Writes and reads a <see cref="Request"/> in the protocol's serde shape for code that composes MessagePack-CSharp
/// serialization itself (see <see cref="ProtocolResolver"/>); the bytes are those of <see cref="MessageCodec"/>.
/// Reads run under the options' <see cref="MessagePackSerializerOptions.Security"/>: pass
/// <see cref="MessagePack.MessagePackLimits.Untrusted"/> for network input.
/// </summary>
public sealed class RequestFormatter : IMessagePackFormatter<Request>
{
    /// <summary>The formatter; it holds no state.</summary>
    public static RequestFormatter Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, Request value, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        var ours = new ProtocolWriter(writer);
        value.Write(ref ours);
        writer = ours.Inner;
    }

    /// <inheritdoc />
    /// <exception cref="MessagePack.MessagePackException">The bytes are not a request; an unknown variant reads as <see cref="UnknownRequest"/>.</exception>
    public Request Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ours = new ProtocolReader(reader, options.Security);
        Request request;
        try
        {
            request = Request.Read(ref ours);
        }
        catch (Exception ex) when (ProtocolReader.IsLibraryFailure(ex))
        {
            throw ours.Translate(ex);
        }

        reader = ours.Inner;
        return request;
    }
}
