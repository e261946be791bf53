using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>Searches packages across the system and runtime backends. Wire form: <c>{"Search": {"id": N, "query": "...", "limit": N|nil}}</c>.</summary>
/// <param name="Id">The request id.</param>
/// <param name="Query">The query text (1 to 500 UTF-8 bytes).</param>
/// <param name="Limit">The most results to return; null for the daemon's default.</param>
public sealed record SearchRequest(ulong Id, string Query, ulong? Limit = null) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Search";

    private static readonly StructFields Fields = QueryRequestFields.For(Name);

    /// <inheritdoc />
    public override string Variant => Name;

    internal static SearchRequest ReadBody(ref MessagePackReader reader)
    {
        (ulong id, string query, ulong? limit) = QueryRequestFields.Read(ref reader, Fields);
        return new SearchRequest(id, query, limit);
    }

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer) => QueryRequestFields.Write(ref writer, Id, Query, Limit);
}
