using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>Audits every installed package against the loaded vulnerability advisories. Wire form: <c>{"SecurityAudit": {"id": N}}</c>.</summary>
/// <param name="Id">The request id.</param>
public sealed record SecurityAuditRequest(ulong Id) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "SecurityAudit";

    /// <summary>The variant's one field.</summary>
    internal static readonly StructFields Fields = new(Name, 1, "id");

    /// <inheritdoc />
    public override string Variant => Name;

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer) => WriteIdOnly(ref writer);
}
