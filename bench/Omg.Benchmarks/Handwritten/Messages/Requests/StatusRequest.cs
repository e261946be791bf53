using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>Asks for the system's vital signs: package counts, updates, vulnerabilities, runtimes. Wire form: <c>{"Status": {"id": N}}</c>.</summary>
/// <param name="Id">The request id.</param>
public sealed record StatusRequest(ulong Id) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Status";

    /// <summary>The variant's one field.</summary>
    internal static readonly StructFields Fields = new(Name, 1, "id");

    /// <inheritdoc />
    public override string Variant => Name;

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer) => WriteIdOnly(ref writer);
}
