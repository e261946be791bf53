using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>Asks the daemon whether it is alive; answered with <c>Ping("pong")</c> and never rate limited. Wire form: <c>{"Ping": {"id": N}}</c>.</summary>
/// <param name="Id">The request id.</param>
public sealed record PingRequest(ulong Id) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Ping";

    /// <summary>The variant's one field.</summary>
    internal static readonly StructFields Fields = new(Name, 1, "id");

    /// <inheritdoc />
    public override string Variant => Name;

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer) => WriteIdOnly(ref writer);
}
