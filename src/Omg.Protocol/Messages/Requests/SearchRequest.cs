using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>
/// Searches packages across the system and runtime backends. Wire form:
/// <c>{"Search": {"id": N, "query": "...", "limit": N|nil}}</c>, plus the additive <c>"sources": [str]</c>
/// when the search is limited to some sources and the additive <c>"installed": true</c> when it is limited to
/// installed packages, and the additive <c>"offset": N</c> when the answer is a later page of the ranked matches.
/// </summary>
/// <param name="Id">The request id.</param>
/// <param name="Query">The query text (1 to 500 UTF-8 bytes).</param>
/// <param name="Limit">The most results to return; null for the daemon's default.</param>
/// <param name="Sources">
/// Additive field <c>sources</c>: only packages of these sources (<c>apt</c>, <c>npm</c>, <c>pypi</c>; <c>*</c> and
/// <c>?</c> wildcards, case-insensitive), applied before the limit and counted in the total; null (absent on the
/// wire) for every source.
/// </param>
/// <param name="Installed">
/// Additive field <c>installed</c>: true for installed packages only, applied before the limit and counted in the
/// total like <paramref name="Sources"/>; false (absent on the wire) for all.
/// </param>
/// <param name="Offset">
/// Additive field <c>offset</c>: the ranked matches to skip before the page starts, so a client can read every match
/// in pages of at most the limit; <c>total</c> still counts all of them. 0 (absent on the wire) for the first page.
/// </param>
public sealed record SearchRequest(ulong Id, string Query, ulong? Limit = null, IReadOnlyList<string>? Sources = null, bool Installed = false, ulong Offset = 0) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Search";

    private static readonly StructFields Fields = QueryRequestFields.For(Name, "sources", "installed", "offset");

    /// <inheritdoc />
    public override string Variant => Name;

    internal static SearchRequest ReadBody(ref MessagePackReader reader)
    {
        (ulong id, string query, ulong? limit, string[]? sources, bool installed, ulong offset) = QueryRequestFields.Read(ref reader, Fields);
        return new SearchRequest(id, query, limit, sources, installed, offset);
    }

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer)
    {
        // Without sources, installed and offset the map is exactly the seed's three keys, so older peers and the
        // golden frames see no difference.
        QueryRequestFields.Write(ref writer, Id, Query, Limit, (Sources is null ? 0 : 1) + (Installed ? 1 : 0) + (Offset > 0 ? 1 : 0));
        if (Sources is not null)
        {
            writer.WriteStringUtf8("sources"u8);
            FieldReader.WriteStringArray(ref writer, Sources);
        }

        if (Installed)
        {
            writer.WriteStringUtf8("installed"u8);
            writer.WriteBoolean(true);
        }

        if (Offset > 0)
        {
            writer.WriteStringUtf8("offset"u8);
            writer.WriteUInt64(Offset);
        }
    }
}
