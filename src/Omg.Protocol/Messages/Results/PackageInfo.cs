using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>One search hit: the seed's <c>PackageInfo</c>.</summary>
/// <param name="Name">Package name.</param>
/// <param name="Version">The installed version, else the candidate version.</param>
/// <param name="Description">One-line synopsis.</param>
/// <param name="Source">Backend: <c>apt</c>, <c>npm</c> or <c>pypi</c>.</param>
/// <param name="Installed">Additive field <c>installed</c>: true when the package is installed (false when absent on the wire).</param>
public sealed record PackageInfo(string Name, string Version, string Description, string Source, bool Installed = false)
{
    private const string TypeName = nameof(PackageInfo);

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteStringUtf8("name"u8);
        writer.WriteString(Name);
        writer.WriteStringUtf8("version"u8);
        writer.WriteString(Version);
        writer.WriteStringUtf8("description"u8);
        writer.WriteString(Description);
        writer.WriteStringUtf8("source"u8);
        writer.WriteString(Source);
        writer.WriteStringUtf8("installed"u8);
        writer.WriteBoolean(Installed);
    }

    internal static PackageInfo Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = FieldReader.ReadStructHeader(ref reader, TypeName);
        uint seen = 0;
        string name = string.Empty, version = string.Empty, description = string.Empty, source = string.Empty;
        bool installed = false;
        for (int i = 0; i < count; i++)
        {
            int keyAt = reader.Position;
            ReadOnlySpan<byte> key = FieldReader.ReadKey(ref reader, TypeName);
            if (key.SequenceEqual("name"u8))
            {
                FieldReader.MarkSeen(ref seen, 0, key, TypeName, keyAt);
                name = reader.ReadString();
            }
            else if (key.SequenceEqual("version"u8))
            {
                FieldReader.MarkSeen(ref seen, 1, key, TypeName, keyAt);
                version = reader.ReadString();
            }
            else if (key.SequenceEqual("description"u8))
            {
                FieldReader.MarkSeen(ref seen, 2, key, TypeName, keyAt);
                description = reader.ReadString();
            }
            else if (key.SequenceEqual("source"u8))
            {
                FieldReader.MarkSeen(ref seen, 3, key, TypeName, keyAt);
                source = reader.ReadString();
            }
            else if (key.SequenceEqual("installed"u8))
            {
                FieldReader.MarkSeen(ref seen, 4, key, TypeName, keyAt);
                installed = reader.ReadBoolean();
            }
            else
            {
                reader.Skip();
            }
        }

        FieldReader.Require(seen, 0, "name", TypeName, start);
        FieldReader.Require(seen, 1, "version", TypeName, start);
        FieldReader.Require(seen, 2, "description", TypeName, start);
        FieldReader.Require(seen, 3, "source", TypeName, start);
        return new PackageInfo(name, version, description, source, installed);
    }
}
