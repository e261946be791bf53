using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Status: the seed's <c>StatusResult</c> plus Omg's additive fields.</summary>
public sealed record StatusResult : ResponseResult
{
    private static readonly StructFields Fields = new(
        nameof(StatusResult),
        6,
        "total_packages", "explicit_packages", "orphan_packages", "updates_available", "security_vulnerabilities", "runtime_versions",
        "problems", "advisories_loaded", "upgradable", "orphans");

    /// <summary>Installed packages.</summary>
    public ulong TotalPackages { get; init; }

    /// <summary>Manually installed packages (<c>apt-mark showmanual</c>).</summary>
    public ulong ExplicitPackages { get; init; }

    /// <summary>Packages <c>apt-get autoremove</c> would remove.</summary>
    public ulong OrphanPackages { get; init; }

    /// <summary>Installed packages with a newer candidate (<c>apt list --upgradable</c>).</summary>
    public ulong UpdatesAvailable { get; init; }

    /// <summary>Known vulnerabilities in installed packages (0 when no advisory data is loaded; see <see cref="AdvisoriesLoaded"/>).</summary>
    public ulong SecurityVulnerabilities { get; init; }

    /// <summary>Installed runtimes as (name, version) pairs; written as 2-element arrays.</summary>
    public IReadOnlyList<(string Name, string Version)> RuntimeVersions { get; init; } = [];

    /// <summary>Additive <c>problems</c>: what the index skipped (unreadable files, malformed paragraphs).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Additive <c>advisories_loaded</c>: false when no advisory data is loaded, so a 0 vulnerability count means "unknown".</summary>
    public bool AdvisoriesLoaded { get; init; }

    /// <summary>
    /// Additive <c>upgradable</c>: the packages counted in <see cref="UpdatesAvailable"/>, by apt's full name
    /// (<c>name</c>, or <c>name:arch</c> for a foreign architecture), sorted; empty from an omgd that predates it.
    /// </summary>
    public IReadOnlyList<string> Upgradable { get; init; } = [];

    /// <summary>Additive <c>orphans</c>: the packages counted in <see cref="OrphanPackages"/>, named and sorted like <see cref="Upgradable"/>.</summary>
    public IReadOnlyList<string> Orphans { get; init; } = [];

    /// <inheritdoc />
    public override string Variant => "Status";

    internal static StatusResult ReadValue(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        ulong total = 0, explicitCount = 0, orphans = 0, updates = 0, vulnerabilities = 0;
        (string, string)[] runtimes = [];
        string[] problems = [];
        bool advisories = false;
        string[] upgradable = [];
        string[] orphanNames = [];
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: total = reader.ReadUInt64(); break;
                case 1: explicitCount = reader.ReadUInt64(); break;
                case 2: orphans = reader.ReadUInt64(); break;
                case 3: updates = reader.ReadUInt64(); break;
                case 4: vulnerabilities = reader.ReadUInt64(); break;
                case 5: runtimes = ReadPairs(ref reader); break;
                case 6: problems = FieldReader.ReadStringArray(ref reader); break;
                case 7: advisories = reader.ReadBoolean(); break;
                case 8: upgradable = FieldReader.ReadStringArray(ref reader); break;
                case 9: orphanNames = FieldReader.ReadStringArray(ref reader); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new StatusResult
        {
            TotalPackages = total,
            ExplicitPackages = explicitCount,
            OrphanPackages = orphans,
            UpdatesAvailable = updates,
            SecurityVulnerabilities = vulnerabilities,
            RuntimeVersions = runtimes,
            Problems = problems,
            AdvisoriesLoaded = advisories,
            Upgradable = upgradable,
            Orphans = orphanNames,
        };
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(10);
        writer.WriteStringUtf8("total_packages"u8);
        writer.WriteUInt64(TotalPackages);
        writer.WriteStringUtf8("explicit_packages"u8);
        writer.WriteUInt64(ExplicitPackages);
        writer.WriteStringUtf8("orphan_packages"u8);
        writer.WriteUInt64(OrphanPackages);
        writer.WriteStringUtf8("updates_available"u8);
        writer.WriteUInt64(UpdatesAvailable);
        writer.WriteStringUtf8("security_vulnerabilities"u8);
        writer.WriteUInt64(SecurityVulnerabilities);
        writer.WriteStringUtf8("runtime_versions"u8);
        writer.WriteArrayHeader(RuntimeVersions.Count);
        foreach ((string name, string version) in RuntimeVersions)
        {
            writer.WriteArrayHeader(2);
            writer.WriteString(name);
            writer.WriteString(version);
        }

        writer.WriteStringUtf8("problems"u8);
        FieldReader.WriteStringArray(ref writer, Problems);
        writer.WriteStringUtf8("advisories_loaded"u8);
        writer.WriteBoolean(AdvisoriesLoaded);
        writer.WriteStringUtf8("upgradable"u8);
        FieldReader.WriteStringArray(ref writer, Upgradable);
        writer.WriteStringUtf8("orphans"u8);
        FieldReader.WriteStringArray(ref writer, Orphans);
    }

    private static (string, string)[] ReadPairs(ref MessagePackReader reader)
    {
        int n = reader.ReadArrayHeader();
        reader.EnterNested();
        var pairs = new (string, string)[n];
        for (int i = 0; i < n; i++)
        {
            int at = reader.Position;
            if (reader.ReadArrayHeader() != 2)
            {
                throw new MessagePackException("a runtime version must be a (name, version) pair", at);
            }

            pairs[i] = (reader.ReadString(), reader.ReadString());
        }

        reader.LeaveNested();
        return pairs;
    }
}
