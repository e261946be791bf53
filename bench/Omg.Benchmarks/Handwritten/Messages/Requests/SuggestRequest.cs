using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>Asks for fuzzy-matched package names, for completion and "did you mean". Wire form: <c>{"Suggest": {"id": N, "query": "...", "limit": N|nil}}</c>.</summary>
/// <param name="Id">The request id.</param>
/// <param name="Query">The query text (1 to 500 UTF-8 bytes).</param>
/// <param name="Limit">The most results to return; null for the daemon's default.</param>
public sealed record SuggestRequest(ulong Id, string Query, ulong? Limit = null) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Suggest";

    private static readonly StructFields Fields = QueryRequestFields.For(Name);

    /// <inheritdoc />
    public override string Variant => Name;

    internal static SuggestRequest ReadBody(ref MessagePackReader reader)
    {
        (ulong id, string query, ulong? limit, _, _) = QueryRequestFields.Read(ref reader, Fields);
        return new SuggestRequest(id, query, limit);
    }

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer) => QueryRequestFields.Write(ref writer, Id, Query, Limit);
}
