using MessagePack;
using MessagePack.Formatters;
using ProtocolReader = Omg.Protocol.MessagePack.MessagePackReader;
using ProtocolWriter = Omg.Protocol.MessagePack.MessagePackWriter;
using Value = Omg.Protocol.MessagePack.MessagePackValue;

namespace Omg.Protocol.Formatters;

/// <summary>
/// Writes and reads a free-form <see cref="Value"/> (any MessagePack value) with the value model's rules: strict
/// UTF-8, duplicate map keys refused, nesting bounded by the options' <see cref="MessagePackSerializerOptions.Security"/>.
/// </summary>
public sealed class MessagePackValueFormatter : IMessagePackFormatter<Value>
{
    /// <summary>The formatter; it holds no state.</summary>
    public static MessagePackValueFormatter Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, Value value, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        var ours = new ProtocolWriter(writer);
        value.Write(ref ours);
        writer = ours.Inner;
    }

    /// <inheritdoc />
    /// <exception cref="Omg.Protocol.MessagePack.MessagePackException">Malformed input, nesting too deep, or duplicate map keys.</exception>
    public Value Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ours = new ProtocolReader(reader, options.Security);
        Value value;
        try
        {
            value = Value.Read(ref ours);
        }
        catch (Exception ex) when (ProtocolReader.IsLibraryFailure(ex))
        {
            throw ours.Translate(ex);
        }

        reader = ours.Inner;
        return value;
    }
}
