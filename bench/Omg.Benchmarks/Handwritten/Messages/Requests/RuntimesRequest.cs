using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>Asks for the installed language runtimes. Wire form: <c>{"Runtimes": {"id": N}}</c>.</summary>
/// <param name="Id">The request id.</param>
public sealed record RuntimesRequest(ulong Id) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Runtimes";

    /// <summary>The variant's one field.</summary>
    internal static readonly StructFields Fields = new(Name, 1, "id");

    /// <inheritdoc />
    public override string Variant => Name;

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer) => WriteIdOnly(ref writer);
}
