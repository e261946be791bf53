using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>The <c>{id, query, limit}</c> field map that Search and Suggest share.</summary>
internal static class QueryRequestFields
{
    /// <summary>The field table for a variant named <paramref name="typeName"/>.</summary>
    public static StructFields For(string typeName) => new(typeName, 2, "id", "query", "limit");

    public static void Write(ref MessagePackWriter writer, ulong id, string query, ulong? limit)
    {
        writer.WriteMapHeader(3);
        writer.WriteStringUtf8("id"u8);
        writer.WriteUInt64(id);
        writer.WriteStringUtf8("query"u8);
        writer.WriteString(query);
        writer.WriteStringUtf8("limit"u8);
        FieldReader.WriteOptional(ref writer, limit);
    }

    public static (ulong Id, string Query, ulong? Limit) Read(ref MessagePackReader reader, StructFields fields)
    {
        int start = reader.Position;
        int count = fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong id = 0;
        string query = string.Empty;
        ulong? limit = null;
        for (int i = 0; i < count; i++)
        {
            switch (fields.Next(ref reader, ref seen))
            {
                case 0: id = reader.ReadUInt64(); break;
                case 1: query = reader.ReadString(); break;
                case 2: limit = FieldReader.ReadOptionalUInt64(ref reader); break;
            }
        }

        fields.RequireAll(seen, start);
        return (id, query, limit);
    }
}
