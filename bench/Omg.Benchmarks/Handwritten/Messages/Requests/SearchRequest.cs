using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>
/// Searches packages across the system and runtime backends. Wire form:
/// <c>{"Search": {"id": N, "query": "...", "limit": N|nil}}</c>, plus the additive <c>"sources": [str]</c>
/// when the search is limited to some sources and the additive <c>"installed": true</c> when it is limited to
/// installed packages.
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
public sealed record SearchRequest(ulong Id, string Query, ulong? Limit = null, IReadOnlyList<string>? Sources = null, bool Installed = false) : Request(Id)
{
    /// <summary>The variant name on the wire.</summary>
    public const string Name = "Search";

    private static readonly StructFields Fields = QueryRequestFields.For(Name, "sources", "installed");

    /// <inheritdoc />
    public override string Variant => Name;

    internal static SearchRequest ReadBody(ref MessagePackReader reader)
    {
        (ulong id, string query, ulong? limit, string[]? sources, bool installed) = QueryRequestFields.Read(ref reader, Fields);
        return new SearchRequest(id, query, limit, sources, installed);
    }

    /// <inheritdoc />
    private protected override void WriteBody(ref MessagePackWriter writer)
    {
        // Without sources and installed the map is exactly the seed's three keys, so older peers and the golden
        // frames see no difference.
        QueryRequestFields.Write(ref writer, Id, Query, Limit, (Sources is null ? 0 : 1) + (Installed ? 1 : 0));
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
    }
}
