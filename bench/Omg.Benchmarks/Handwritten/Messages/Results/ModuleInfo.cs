using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>One entry of the module index.</summary>
/// <param name="Name">Dotted module name (<c>sys.proc</c>).</param>
/// <param name="Version">Version from the module's doc, empty when it has none.</param>
/// <param name="Description">Description from the module's doc, empty when it has none.</param>
/// <param name="Path">The executable's path.</param>
public sealed record ModuleInfo(string Name, string Version, string Description, string Path)
{
    private static readonly StructFields Fields = new(nameof(ModuleInfo), 1, "name", "version", "description", "path");

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
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string[] texts = [string.Empty, string.Empty, string.Empty, string.Empty];
        for (int i = 0; i < count; i++)
        {
            int field = Fields.Next(ref reader, ref seen);
            if (field >= 0)
            {
                texts[field] = reader.ReadString();
            }
        }

        Fields.RequireAll(seen, start);
        return new ModuleInfo(texts[0], texts[1], texts[2], texts[3]);
    }
}
