using MessagePack;
using MessagePack.Formatters;
using Omg.Protocol.Messages;
using Value = Omg.Protocol.MessagePack.MessagePackValue;

namespace Omg.Protocol.Formatters;

/// <summary>
/// Resolves the protocol's hand-written formatters (<see cref="Request"/>, <see cref="Response"/> and
/// <see cref="Value"/>; derived types are written through their base) and nothing else, without reflection or
/// generated code, so it stays trimming- and NativeAOT-safe. Compose it with other resolvers as needed; the
/// protocol's own code (<see cref="MessageCodec"/>) does not go through a resolver at all.
/// </summary>
public sealed class ProtocolResolver : IFormatterResolver
{
    /// <summary>The resolver.</summary>
    public static ProtocolResolver Instance { get; } = new();

    /// <inheritdoc />
    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = (IMessagePackFormatter<T>?)Find(typeof(T));

        private static object? Find(Type type) =>
            type == typeof(Request) ? RequestFormatter.Instance
            : type == typeof(Response) ? ResponseFormatter.Instance
            : type == typeof(Value) ? MessagePackValueFormatter.Instance
            : null;
    }
}
