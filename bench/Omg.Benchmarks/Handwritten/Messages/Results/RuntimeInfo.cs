using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>One installed language runtime.</summary>
/// <param name="Name">Runtime family (<c>python</c>, <c>node</c>, <c>go</c>, <c>rust</c>, <c>java</c>, <c>dotnet</c>, <c>ruby</c>).</param>
/// <param name="Version">Its version.</param>
/// <param name="Path">Where it is installed.</param>
/// <param name="Manager">Who installed it (<c>system</c>, <c>pyenv</c>, <c>nvm</c>, <c>rustup</c>, ...).</param>
/// <param name="IsDefault">True for the one a plain command on PATH runs.</param>
public sealed record RuntimeInfo(string Name, string Version, string Path, string Manager, bool IsDefault)
{
    private static readonly StructFields Fields = new(nameof(RuntimeInfo), 2, "name", "version", "path", "manager", "is_default");

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteStringUtf8("name"u8);
        writer.WriteString(Name);
        writer.WriteStringUtf8("version"u8);
        writer.WriteString(Version);
        writer.WriteStringUtf8("path"u8);
        writer.WriteString(Path);
        writer.WriteStringUtf8("manager"u8);
        writer.WriteString(Manager);
        writer.WriteStringUtf8("is_default"u8);
        writer.WriteBoolean(IsDefault);
    }

    internal static RuntimeInfo Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string[] texts = [string.Empty, string.Empty, string.Empty, string.Empty];
        bool isDefault = false;
        for (int i = 0; i < count; i++)
        {
            int field = Fields.Next(ref reader, ref seen);
            if (field == 4)
            {
                isDefault = reader.ReadBoolean();
            }
            else if (field >= 0)
            {
                texts[field] = reader.ReadString();
            }
        }

        Fields.RequireAll(seen, start);
        return new RuntimeInfo(texts[0], texts[1], texts[2], texts[3], isDefault);
    }
}
