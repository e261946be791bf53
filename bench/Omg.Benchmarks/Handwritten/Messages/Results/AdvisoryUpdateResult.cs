using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to UpdateAdvisories.</summary>
/// <param name="Source">Where the advisories came from (path or URL).</param>
/// <param name="Advisories">Advisories loaded in all.</param>
/// <param name="Packages">Distinct packages they name.</param>
/// <param name="NotModified">True when the source said nothing changed since the last download.</param>
public sealed record AdvisoryUpdateResult(string Source, ulong Advisories, ulong Packages, bool NotModified) : ResponseResult
{
    // The only required field comes first: StructFields requires a prefix of the table.
    private static readonly StructFields Fields = new(nameof(AdvisoryUpdateResult), 1, "advisories", "source", "packages", "not_modified");

    /// <inheritdoc />
    public override string Variant => "UpdateAdvisories";

    internal static AdvisoryUpdateResult ReadValue(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string source = string.Empty;
        ulong advisories = 0, packages = 0;
        bool notModified = false;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: advisories = reader.ReadUInt64(); break;
                case 1: source = reader.ReadString(); break;
                case 2: packages = reader.ReadUInt64(); break;
                case 3: notModified = reader.ReadBoolean(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new AdvisoryUpdateResult(source, advisories, packages, notModified);
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(4);
        writer.WriteStringUtf8("source"u8);
        writer.WriteString(Source);
        writer.WriteStringUtf8("advisories"u8);
        writer.WriteUInt64(Advisories);
        writer.WriteStringUtf8("packages"u8);
        writer.WriteUInt64(Packages);
        writer.WriteStringUtf8("not_modified"u8);
        writer.WriteBoolean(NotModified);
    }
}
