using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>The answer to UpdateAdvisories.</summary>
/// <param name="Source">Where the advisories came from (path or URL).</param>
/// <param name="Advisories">Advisories loaded in all.</param>
/// <param name="Packages">Distinct packages they name.</param>
/// <param name="NotModified">True when the source said nothing changed since the last download.</param>
public sealed record AdvisoryUpdateResult(string Source, ulong Advisories, ulong Packages, bool NotModified) : ResponseResult
{
    private const string TypeName = nameof(AdvisoryUpdateResult);

    /// <inheritdoc />
    public override string Variant => "UpdateAdvisories";

    internal static AdvisoryUpdateResult ReadValue(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = FieldReader.ReadStructHeader(ref reader, TypeName);
        uint seen = 0;
        string source = string.Empty;
        ulong advisories = 0, packages = 0;
        bool notModified = false;
        for (int i = 0; i < count; i++)
        {
            int keyAt = reader.Position;
            ReadOnlySpan<byte> key = FieldReader.ReadKey(ref reader, TypeName);
            int bit = key switch
            {
                _ when key.SequenceEqual("source"u8) => 0,
                _ when key.SequenceEqual("advisories"u8) => 1,
                _ when key.SequenceEqual("packages"u8) => 2,
                _ when key.SequenceEqual("not_modified"u8) => 3,
                _ => -1,
            };
            if (bit < 0)
            {
                reader.Skip();
                continue;
            }

            FieldReader.MarkSeen(ref seen, bit, key, TypeName, keyAt);
            switch (bit)
            {
                case 0: source = reader.ReadString(); break;
                case 1: advisories = reader.ReadUInt64(); break;
                case 2: packages = reader.ReadUInt64(); break;
                default: notModified = reader.ReadBoolean(); break;
            }
        }

        FieldReader.Require(seen, 1, "advisories", TypeName, start);
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
