using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>
/// A request whose variant this build does not know. Decoding yields it inside a Batch so that only that
/// item is answered with METHOD_NOT_FOUND; writing it produces <c>{"Variant": {"id": N}}</c>, which is
/// how tests and newer clients send such requests.
/// </summary>
/// <param name="Id">The id read from the request body, or 0 when it had none.</param>
/// <param name="VariantName">The variant name the request used.</param>
public sealed record UnknownRequest(ulong Id, string VariantName) : Request(Id)
{
    /// <inheritdoc />
    public override string Variant => VariantName;

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer) => WriteIdOnly(ref writer);
}
