using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>Asks for the daemon's counters: requests, failures, latency, connections, bytes. Wire form: <c>{"Metrics": {"id": N}}</c>.</summary>
/// <param name="Id">The request id.</param>
public sealed record MetricsRequest(ulong Id) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Metrics";

    /// <summary>The variant's one field.</summary>
    internal static readonly StructFields Fields = new(Name, 1, "id");

    /// <inheritdoc />
    public override string Variant => Name;

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer) => WriteIdOnly(ref writer);
}
