using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Info: the seed's <c>DetailedPackageInfo</c> plus Omg's additive fields.</summary>
public sealed record DetailedPackageInfo : ResponseResult
{
    private static readonly StructFields Fields = new(
        nameof(DetailedPackageInfo),
        10,
        "name", "version", "description", "url", "size", "download_size", "repo", "depends", "licenses", "source",
        "installed_version", "candidate_version", "architecture");

    /// <summary>Package name.</summary>
    public required string Name { get; init; }

    /// <summary>The installed version, else the candidate version.</summary>
    public required string Version { get; init; }

    /// <summary>The description: synopsis, then the long description when known.</summary>
    public required string Description { get; init; }

    /// <summary>Homepage URL (empty when none).</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>Installed size in bytes.</summary>
    public ulong Size { get; init; }

    /// <summary>Download size in bytes (0 when unknown).</summary>
    public ulong DownloadSize { get; init; }

    /// <summary>Where the package comes from, like <c>bookworm/main</c>.</summary>
    public string Repo { get; init; } = string.Empty;

    /// <summary>Names of the packages it depends on.</summary>
    public IReadOnlyList<string> Depends { get; init; } = [];

    /// <summary>Licenses from the package's copyright file.</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];

    /// <summary>Backend: <c>apt</c>, <c>npm</c> or <c>pypi</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Additive <c>installed_version</c>: the installed version, null when not installed.</summary>
    public string? InstalledVersion { get; init; }

    /// <summary>Additive <c>candidate_version</c>: the highest available version, null when none is available.</summary>
    public string? CandidateVersion { get; init; }

    /// <summary>Additive <c>architecture</c>: <c>amd64</c>, <c>all</c>, ... (empty when not applicable).</summary>
    public string Architecture { get; init; } = string.Empty;

    /// <inheritdoc />
    public override string Variant => "Info";

    internal static DetailedPackageInfo ReadValue(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string name = string.Empty, version = string.Empty, description = string.Empty, url = string.Empty;
        string repo = string.Empty, source = string.Empty, architecture = string.Empty;
        string? installed = null, candidate = null;
        ulong size = 0, downloadSize = 0;
        string[] depends = [], licenses = [];
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: name = reader.ReadString(); break;
                case 1: version = reader.ReadString(); break;
                case 2: description = reader.ReadString(); break;
                case 3: url = reader.ReadString(); break;
                case 4: size = reader.ReadUInt64(); break;
                case 5: downloadSize = reader.ReadUInt64(); break;
                case 6: repo = reader.ReadString(); break;
                case 7: depends = FieldReader.ReadStringArray(ref reader); break;
                case 8: licenses = FieldReader.ReadStringArray(ref reader); break;
                case 9: source = reader.ReadString(); break;
                case 10: installed = reader.ReadNullableString(); break;
                case 11: candidate = reader.ReadNullableString(); break;
                case 12: architecture = reader.ReadString(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new DetailedPackageInfo
        {
            Name = name,
            Version = version,
            Description = description,
            Url = url,
            Size = size,
            DownloadSize = downloadSize,
            Repo = repo,
            Depends = depends,
            Licenses = licenses,
            Source = source,
            InstalledVersion = installed,
            CandidateVersion = candidate,
            Architecture = architecture,
        };
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(13);
        writer.WriteStringUtf8("name"u8);
        writer.WriteString(Name);
        writer.WriteStringUtf8("version"u8);
        writer.WriteString(Version);
        writer.WriteStringUtf8("description"u8);
        writer.WriteString(Description);
        writer.WriteStringUtf8("url"u8);
        writer.WriteString(Url);
        writer.WriteStringUtf8("size"u8);
        writer.WriteUInt64(Size);
        writer.WriteStringUtf8("download_size"u8);
        writer.WriteUInt64(DownloadSize);
        writer.WriteStringUtf8("repo"u8);
        writer.WriteString(Repo);
        writer.WriteStringUtf8("depends"u8);
        FieldReader.WriteStringArray(ref writer, Depends);
        writer.WriteStringUtf8("licenses"u8);
        FieldReader.WriteStringArray(ref writer, Licenses);
        writer.WriteStringUtf8("source"u8);
        writer.WriteString(Source);
        writer.WriteStringUtf8("installed_version"u8);
        writer.WriteString(InstalledVersion);
        writer.WriteStringUtf8("candidate_version"u8);
        writer.WriteString(CandidateVersion);
        writer.WriteStringUtf8("architecture"u8);
        writer.WriteString(Architecture);
    }
}
