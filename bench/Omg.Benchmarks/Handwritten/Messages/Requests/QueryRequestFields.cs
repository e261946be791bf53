using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The <c>{id, query, limit}</c> field map that Search and Suggest share (Search may add <c>sources</c> and <c>installed</c>).</summary>
internal static class QueryRequestFields
{
    /// <summary>The field table for a variant named <paramref name="typeName"/>, with any keys it adds after the three.</summary>
    public static StructFields For(string typeName, params string[] more) => new(typeName, 2, ["id", "query", "limit", .. more]);

    /// <summary>Writes the map header for the three fields plus <paramref name="more"/> the caller writes after them, then the three.</summary>
    public static void Write(ref MessagePackWriter writer, ulong id, string query, ulong? limit, int more = 0)
    {
        writer.WriteMapHeader(3 + more);
        writer.WriteStringUtf8("id"u8);
        writer.WriteUInt64(id);
        writer.WriteStringUtf8("query"u8);
        writer.WriteString(query);
        writer.WriteStringUtf8("limit"u8);
        FieldReader.WriteOptional(ref writer, limit);
    }

    /// <summary>
    /// Reads the fields; a table with Search's further keys also fills <c>Sources</c> (null for tables without it
    /// and when the key is absent or nil) and <c>Installed</c> (false likewise).
    /// </summary>
    public static (ulong Id, string Query, ulong? Limit, string[]? Sources, bool Installed) Read(ref MessagePackReader reader, StructFields fields)
    {
        int start = reader.Position;
        int count = fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong id = 0;
        string query = string.Empty;
        ulong? limit = null;
        string[]? sources = null;
        bool installed = false;
        for (int i = 0; i < count; i++)
        {
            switch (fields.Next(ref reader, ref seen))
            {
                case 0: id = reader.ReadUInt64(); break;
                case 1: query = reader.ReadString(); break;
                case 2: limit = FieldReader.ReadOptionalUInt64(ref reader); break;
                case 3: sources = reader.TryReadNil() ? null : FieldReader.ReadStringArray(ref reader); break;
                case 4: installed = !reader.TryReadNil() && reader.ReadBoolean(); break;
            }
        }

        fields.RequireAll(seen, start);
        return (id, query, limit, sources, installed);
    }
}
