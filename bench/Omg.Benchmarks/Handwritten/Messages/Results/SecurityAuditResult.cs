using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>
/// The answer to SecurityAudit: the seed's <c>SecurityAuditResult</c>. <c>vulnerabilities</c> is written
/// as an array of <c>[package, [Vulnerability, ...]]</c> pairs.
/// </summary>
/// <param name="TotalVulnerabilities">Advisories matched across all packages.</param>
/// <param name="HighSeverity">Those with a score of 7.0 or more, or high/critical urgency.</param>
/// <param name="Vulnerabilities">Affected packages and their advisories.</param>
public sealed record SecurityAuditResult(
    ulong TotalVulnerabilities,
    ulong HighSeverity,
    IReadOnlyList<(string Package, IReadOnlyList<Vulnerability> Vulnerabilities)> Vulnerabilities) : ResponseResult
{
    private static readonly StructFields Fields = new(nameof(SecurityAuditResult), 3, "total_vulnerabilities", "high_severity", "vulnerabilities");

    /// <inheritdoc />
    public override string Variant => "SecurityAudit";

    internal static SecurityAuditResult ReadValue(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong total = 0, high = 0;
        (string, IReadOnlyList<Vulnerability>)[] packages = [];
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: total = reader.ReadUInt64(); break;
                case 1: high = reader.ReadUInt64(); break;
                case 2: packages = ReadPackages(ref reader); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new SecurityAuditResult(total, high, packages);
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(3);
        writer.WriteStringUtf8("total_vulnerabilities"u8);
        writer.WriteUInt64(TotalVulnerabilities);
        writer.WriteStringUtf8("high_severity"u8);
        writer.WriteUInt64(HighSeverity);
        writer.WriteStringUtf8("vulnerabilities"u8);
        writer.WriteArrayHeader(Vulnerabilities.Count);
        foreach ((string package, IReadOnlyList<Vulnerability> list) in Vulnerabilities)
        {
            writer.WriteArrayHeader(2);
            writer.WriteString(package);
            writer.WriteArrayHeader(list.Count);
            foreach (Vulnerability vulnerability in list)
            {
                vulnerability.Write(ref writer);
            }
        }
    }

    private static (string, IReadOnlyList<Vulnerability>)[] ReadPackages(ref MessagePackReader reader)
    {
        int n = reader.ReadArrayHeader();
        reader.EnterNested();
        var packages = new (string, IReadOnlyList<Vulnerability>)[n];
        for (int i = 0; i < n; i++)
        {
            int at = reader.Position;
            if (reader.ReadArrayHeader() != 2)
            {
                throw new MessagePackException("an audited package must be a (package, vulnerabilities) pair", at);
            }

            reader.EnterNested();
            string package = reader.ReadString();
            int m = reader.ReadArrayHeader();
            reader.EnterNested();
            var list = new Vulnerability[m];
            for (int j = 0; j < m; j++)
            {
                list[j] = Vulnerability.Read(ref reader);
            }

            reader.LeaveNested();
            reader.LeaveNested();
            packages[i] = (package, list);
        }

        reader.LeaveNested();
        return packages;
    }
}
