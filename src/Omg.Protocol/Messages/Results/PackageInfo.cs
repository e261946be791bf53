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
    private static readonly StructFields Fields = new(nameof(PackageInfo), 4, "name", "version", "description", "source", "installed");

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
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string name = string.Empty, version = string.Empty, description = string.Empty, source = string.Empty;
        bool installed = false;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: name = reader.ReadString(); break;
                case 1: version = reader.ReadString(); break;
                case 2: description = reader.ReadString(); break;
                case 3: source = reader.ReadString(); break;
                case 4: installed = reader.ReadBoolean(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new PackageInfo(name, version, description, source, installed);
    }
}
