using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>One entry of the module index.</summary>
/// <param name="Name">Dotted module name (<c>sys.proc</c>).</param>
/// <param name="Version">Version from the module's doc, empty when it has none.</param>
/// <param name="Description">Description from the module's doc, empty when it has none.</param>
/// <param name="Path">The executable's path.</param>
public sealed record ModuleInfo(string Name, string Version, string Description, string Path)
{
    private const string TypeName = nameof(ModuleInfo);

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(4);
        writer.WriteStringUtf8("name"u8);
        writer.WriteString(Name);
        writer.WriteStringUtf8("version"u8);
        writer.WriteString(Version);
        writer.WriteStringUtf8("description"u8);
        writer.WriteString(Description);
        writer.WriteStringUtf8("path"u8);
        writer.WriteString(Path);
    }

    internal static ModuleInfo Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = FieldReader.ReadStructHeader(ref reader, TypeName);
        uint seen = 0;
        string[] texts = [string.Empty, string.Empty, string.Empty, string.Empty];
        for (int i = 0; i < count; i++)
        {
            int keyAt = reader.Position;
            ReadOnlySpan<byte> key = FieldReader.ReadKey(ref reader, TypeName);
            int bit = key switch
            {
                _ when key.SequenceEqual("name"u8) => 0,
                _ when key.SequenceEqual("version"u8) => 1,
                _ when key.SequenceEqual("description"u8) => 2,
                _ when key.SequenceEqual("path"u8) => 3,
                _ => -1,
            };
            if (bit < 0)
            {
                reader.Skip();
                continue;
            }

            FieldReader.MarkSeen(ref seen, bit, key, TypeName, keyAt);
            texts[bit] = reader.ReadString();
        }

        FieldReader.Require(seen, 0, "name", TypeName, start);
        return new ModuleInfo(texts[0], texts[1], texts[2], texts[3]);
    }
}
