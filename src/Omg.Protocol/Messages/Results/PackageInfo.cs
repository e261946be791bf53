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

    // The map header and keys exactly as writers emit them, shared by Write and the in-order read.
    private static ReadOnlySpan<byte> HeaderAndNameKey => [0x85, 0xa4, (byte)'n', (byte)'a', (byte)'m', (byte)'e'];

    private static ReadOnlySpan<byte> VersionKey => [0xa7, (byte)'v', (byte)'e', (byte)'r', (byte)'s', (byte)'i', (byte)'o', (byte)'n'];

    private static ReadOnlySpan<byte> DescriptionKey => [0xab, (byte)'d', (byte)'e', (byte)'s', (byte)'c', (byte)'r', (byte)'i', (byte)'p', (byte)'t', (byte)'i', (byte)'o', (byte)'n'];

    private static ReadOnlySpan<byte> SourceKey => [0xa6, (byte)'s', (byte)'o', (byte)'u', (byte)'r', (byte)'c', (byte)'e'];

    private static ReadOnlySpan<byte> InstalledKey => [0xa9, (byte)'i', (byte)'n', (byte)'s', (byte)'t', (byte)'a', (byte)'l', (byte)'l', (byte)'e', (byte)'d'];

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteRaw(HeaderAndNameKey);
        writer.WriteString(Name);
        writer.WriteRaw(VersionKey);
        writer.WriteString(Version);
        writer.WriteRaw(DescriptionKey);
        writer.WriteString(Description);
        writer.WriteRaw(SourceKey);
        writer.WriteString(Source);
        writer.WriteRaw(InstalledKey);
        writer.WriteBoolean(Installed);
    }

    internal static PackageInfo Read(ref MessagePackReader reader)
    {
        int start = reader.Position;

        // Search answers carry dozens of these in the one shape writers produce (all five fields, in order):
        // that shape is read straight through, comparing each key as a constant. Anything else (a missing,
        // extra, reordered or repeated key) is read again from the start the general way.
        if (TryReadInOrder(ref reader, out PackageInfo? package))
        {
            return package;
        }

        reader.Rewind(start);
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
                case 3: source = ReadSource(ref reader); break;
                case 4: installed = reader.ReadBoolean(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new PackageInfo(name, version, description, source, installed);
    }

    private static bool TryReadInOrder(ref MessagePackReader reader, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PackageInfo? package)
    {
        package = null;
        if (!reader.TryReadEncoded(HeaderAndNameKey))
        {
            return false;
        }

        string name = reader.ReadString();
        if (!reader.TryReadEncoded(VersionKey))
        {
            return false;
        }

        string version = reader.ReadString();
        if (!reader.TryReadEncoded(DescriptionKey))
        {
            return false;
        }

        string description = reader.ReadString();
        if (!reader.TryReadEncoded(SourceKey))
        {
            return false;
        }

        string source = ReadSource(ref reader);
        if (!reader.TryReadEncoded(InstalledKey))
        {
            return false;
        }

        package = new PackageInfo(name, version, description, source, reader.ReadBoolean());
        return true;
    }

    // A search answer repeats one of three backend names in every hit: recognise them on the wire and
    // share one string instead of allocating the same three letters fifty times.
    private static string ReadSource(ref MessagePackReader reader) =>
        reader.TryReadEncoded([0xa3, (byte)'a', (byte)'p', (byte)'t']) ? "apt"
        : reader.TryReadEncoded([0xa3, (byte)'n', (byte)'p', (byte)'m']) ? "npm"
        : reader.TryReadEncoded([0xa4, (byte)'p', (byte)'y', (byte)'p', (byte)'i']) ? "pypi"
        : reader.ReadString();
}
