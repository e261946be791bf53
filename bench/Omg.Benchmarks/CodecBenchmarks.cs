using System.Buffers;
using BenchmarkDotNet.Attributes;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Benchmarks;

/// <summary>
/// Encode and decode of the two payload shapes that dominate traffic: a Search answer with 50 packages
/// and a 1 MiB nested module data tree, and an Info answer. Encoding writes into a reused buffer, so its
/// allocation column shows what the codec itself allocates. Yardsticks: System.Text.Json for the same search
/// answer, the allocations alone, and MessagePack-CSharp's reader alone walking the Info answer.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(2 << 20);
    private SuccessResponse _search = null!;
    private byte[] _searchBytes = null!;
    private byte[] _searchJson = null!;
    private char[][] _searchText = null!;
    private MessagePackValue _tree = null!;
    private byte[] _treeBytes = null!;
    private SuccessResponse _info = null!;
    private byte[] _infoBytes = null!;

    /// <summary>Builds the payloads once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var packages = new PackageInfo[50];
        for (int i = 0; i < packages.Length; i++)
        {
            packages[i] = new PackageInfo($"vim-plugin-{i:D2}", $"2:9.0.{1378 + i}-2", $"Vi IMproved plugin number {i} - enhanced vi editor extension", "apt", i % 3 == 0);
        }

        _search = new SuccessResponse(7, new SearchResult(packages, 87));
        _searchBytes = MessageCodec.Encode(_search);
        _searchText = packages.SelectMany(p => new[] { p.Name, p.Version, p.Description }).Select(t => t.ToCharArray()).ToArray();
        EncodeSearchResult50AsJsonBaseline();
        _searchJson = _output.WrittenSpan.ToArray();
        _tree = BuildTree(1 << 20);
        _treeBytes = _tree.Encode();
        _info = new SuccessResponse(8, new DetailedPackageInfo
        {
            Name = "openssl", Version = "3.0.15-1~deb12u1", Description = "Secure Sockets Layer toolkit - cryptographic utility\n This package is part of the OpenSSL project's implementation of the SSL and TLS cryptographic protocols.",
            Url = "https://www.openssl.org/", Size = 2_300_000, DownloadSize = 1_400_000, Repo = "bookworm-security/main",
            Depends = ["libc6", "libssl3", "debconf"], Licenses = ["Apache-2.0"], Source = "apt",
            InstalledVersion = "3.0.14-1~deb12u2", CandidateVersion = "3.0.15-1~deb12u1", Architecture = "amd64",
        });
        _infoBytes = MessageCodec.Encode(_info);
    }

    /// <summary>DetailedPackageInfo (an Info answer) encode into a reused buffer.</summary>
    [Benchmark]
    public int EncodeDetailedPackageInfo()
    {
        _output.ResetWrittenCount();
        MessageCodec.Write(_output, _info);
        return _output.WrittenCount;
    }

    /// <summary>DetailedPackageInfo decode.</summary>
    [Benchmark]
    public Response DecodeDetailedPackageInfo() => MessageCodec.DecodeResponse(_infoBytes);

    /// <summary>
    /// The floor under a decoder built on MessagePack-CSharp's reader: the same Info answer walked with the
    /// library's calls alone (each key read as a span, each string created, no field matching, no checks),
    /// so the codec's own cost is what DecodeDetailedPackageInfo adds to this.
    /// </summary>
    [Benchmark]
    public int LibraryFloorDetailedPackageInfo()
    {
        var reader = new global::MessagePack.MessagePackReader(_infoBytes);
        int total = 0;
        Walk(ref reader, ref total);
        return total;
    }

    /// <summary>SearchResult(50) encode into a reused buffer.</summary>
    [Benchmark]
    public int EncodeSearchResult50()
    {
        _output.ResetWrittenCount();
        MessageCodec.Write(_output, _search);
        return _output.WrittenCount;
    }

    /// <summary>SearchResult(50) decode.</summary>
    [Benchmark]
    public Response DecodeSearchResult50() => MessageCodec.DecodeResponse(_searchBytes);

    /// <summary>
    /// The floor under any decoder that returns strings: the same 50 records built from text already in
    /// memory, so only the string and record allocations (and the GC work they cause) remain.
    /// </summary>
    [Benchmark]
    public PackageInfo[] AllocationFloorSearchResult50()
    {
        var packages = new PackageInfo[50];
        for (int i = 0; i < packages.Length; i++)
        {
            packages[i] = new PackageInfo(new string(_searchText[3 * i]), new string(_searchText[(3 * i) + 1]), new string(_searchText[(3 * i) + 2]), "apt", i % 3 == 0);
        }

        return packages;
    }

    /// <summary>
    /// Baseline on the same machine in the same run: the same SearchResult written as JSON with
    /// System.Text.Json's Utf8JsonWriter (hand-written, no reflection) into the same reused buffer.
    /// </summary>
    [Benchmark]
    public int EncodeSearchResult50AsJsonBaseline()
    {
        _output.ResetWrittenCount();
        using var json = new System.Text.Json.Utf8JsonWriter(_output);
        var result = (SearchResult)_search.Result;
        json.WriteStartObject();
        json.WriteNumber("id"u8, _search.Id);
        json.WriteStartArray("packages"u8);
        foreach (PackageInfo package in result.Packages)
        {
            json.WriteStartObject();
            json.WriteString("name"u8, package.Name);
            json.WriteString("version"u8, package.Version);
            json.WriteString("description"u8, package.Description);
            json.WriteString("source"u8, package.Source);
            json.WriteBoolean("installed"u8, package.Installed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("total"u8, result.Total);
        json.WriteEndObject();
        json.Flush();
        return _output.WrittenCount;
    }

    /// <summary>Baseline: the same JSON read back into the same records with Utf8JsonReader.</summary>
    [Benchmark]
    public int DecodeSearchResult50FromJsonBaseline()
    {
        var reader = new System.Text.Json.Utf8JsonReader(_searchJson);
        var packages = new List<PackageInfo>(50);
        string name = string.Empty, version = string.Empty, description = string.Empty, source = string.Empty;
        bool installed = false;
        int depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case System.Text.Json.JsonTokenType.StartObject:
                    depth++;
                    break;
                case System.Text.Json.JsonTokenType.EndObject:
                    if (--depth == 1)
                    {
                        packages.Add(new PackageInfo(name, version, description, source, installed));
                    }

                    break;
                case System.Text.Json.JsonTokenType.PropertyName when depth == 2:
                    if (reader.ValueTextEquals("installed"u8))
                    {
                        reader.Read();
                        installed = reader.GetBoolean();
                        break;
                    }

                    bool isName = reader.ValueTextEquals("name"u8), isVersion = reader.ValueTextEquals("version"u8), isDescription = reader.ValueTextEquals("description"u8);
                    reader.Read();
                    string value = reader.GetString()!;
                    if (isName)
                    {
                        name = value;
                    }
                    else if (isVersion)
                    {
                        version = value;
                    }
                    else if (isDescription)
                    {
                        description = value;
                    }
                    else
                    {
                        source = value;
                    }

                    break;
            }
        }

        return packages.Count;
    }

    /// <summary>1 MiB nested tree encode into a reused buffer.</summary>
    [Benchmark]
    public int EncodeTree1MiB()
    {
        _output.ResetWrittenCount();
        _tree.WriteTo(_output);
        return _output.WrittenCount;
    }

    /// <summary>1 MiB nested tree decode into a value tree.</summary>
    [Benchmark]
    public MessagePackValue DecodeTree1MiB() => MessagePackValue.Decode(_treeBytes);

    /// <summary>1 MiB nested tree validated and skipped without building a tree.</summary>
    [Benchmark]
    public int SkipTree1MiB()
    {
        var reader = new MessagePackReader(_treeBytes);
        reader.Skip();
        return reader.Position;
    }

    private static void Walk(ref global::MessagePack.MessagePackReader reader, ref int total)
    {
        switch (reader.NextMessagePackType)
        {
            case global::MessagePack.MessagePackType.Map:
                int pairs = reader.ReadMapHeader();
                for (int i = 0; i < pairs; i++)
                {
                    reader.TryReadStringSpan(out ReadOnlySpan<byte> key);
                    total += key.Length;
                    Walk(ref reader, ref total);
                }

                break;
            case global::MessagePack.MessagePackType.Array:
                int items = reader.ReadArrayHeader();
                for (int i = 0; i < items; i++)
                {
                    Walk(ref reader, ref total);
                }

                break;
            case global::MessagePack.MessagePackType.String:
                total += reader.ReadString()!.Length;
                break;
            case global::MessagePack.MessagePackType.Integer:
                total += (int)reader.ReadUInt64();
                break;
            default:
                reader.Skip();
                break;
        }
    }

    // Module-like data: a map of tables (arrays of rows) and nested records, until the encoding reaches size.
    internal static MessagePackValue BuildTree(int targetBytes)
    {
        var sections = new List<(string, MessagePackValue)>();
        int approx = 0;
        int n = 0;
        while (approx < targetBytes)
        {
            var rows = new MessagePackValue[64];
            for (int r = 0; r < rows.Length; r++)
            {
                rows[r] = MessagePackValue.Map(
                    ("process", MessagePackValue.From($"/usr/libexec/worker-{n}-{r}")),
                    ("uid", MessagePackValue.From((long)(r * 7))),
                    ("pid", MessagePackValue.From((long)(1000 + (n * 64) + r))),
                    ("cpu", MessagePackValue.From(r * 0.25)),
                    ("tags", MessagePackValue.Array(MessagePackValue.From("a"), MessagePackValue.From("bb"), MessagePackValue.True)));
            }

            var section = MessagePackValue.Map(("rows", MessagePackValue.Array(rows)), ("meta", MessagePackValue.Map(("n", MessagePackValue.From((long)n)))));
            sections.Add(($"section-{n}", section));
            approx += section.Encode().Length;
            n++;
        }

        return MessagePackValue.Map(sections.ToArray());
    }
}
