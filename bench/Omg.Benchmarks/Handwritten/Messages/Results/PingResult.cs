using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Ping: <c>{"Ping": "pong"}</c>.</summary>
/// <param name="Message">Always <c>pong</c> from omgd.</param>
public sealed record PingResult(string Message) : ResponseResult
{
    /// <inheritdoc />
    public override string Variant => "Ping";

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer) => writer.WriteString(Message);
}
