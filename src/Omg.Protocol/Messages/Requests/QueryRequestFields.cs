using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>The <c>{id, query, limit}</c> field map that Search and Suggest share.</summary>
internal static class QueryRequestFields
{
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

    public static (ulong Id, string Query, ulong? Limit) Read(ref MessagePackReader reader, string typeName)
    {
        int start = reader.Position;
        int count = FieldReader.ReadStructHeader(ref reader, typeName);
        uint seen = 0;
        ulong id = 0;
        string query = string.Empty;
        ulong? limit = null;
        for (int i = 0; i < count; i++)
        {
            int keyAt = reader.Position;
            ReadOnlySpan<byte> key = FieldReader.ReadKey(ref reader, typeName);
            if (key.SequenceEqual("id"u8))
            {
                FieldReader.MarkSeen(ref seen, 0, key, typeName, keyAt);
                id = reader.ReadUInt64();
            }
            else if (key.SequenceEqual("query"u8))
            {
                FieldReader.MarkSeen(ref seen, 1, key, typeName, keyAt);
                query = reader.ReadString();
            }
            else if (key.SequenceEqual("limit"u8))
            {
                FieldReader.MarkSeen(ref seen, 2, key, typeName, keyAt);
                limit = FieldReader.ReadOptionalUInt64(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        FieldReader.Require(seen, 0, "id", typeName, start);
        FieldReader.Require(seen, 1, "query", typeName, start);
        return (id, query, limit);
    }
}
