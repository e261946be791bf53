using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Omg.Protocol;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Old = Omg.Benchmarks.Handwritten.Messages;
using OldValue = Omg.Benchmarks.Handwritten.MessagePack.MessagePackValue;

namespace Omg.Benchmarks;

/// <summary>
/// The codec on MessagePack-CSharp against the hand-written one it replaced (a copy in Handwritten/), side by side
/// in one run: each pair is a category whose baseline is the hand-written codec, so the Ratio column is the
/// library version's time over the old one's. Both build the same messages in their own types.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class CodecComparisonBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(2 << 20);

    private SuccessResponse _search = null!;
    private Old.SuccessResponse _oldSearch = null!;
    private byte[] _searchBytes = null!;
    private SuccessResponse _info = null!;
    private Old.SuccessResponse _oldInfo = null!;
    private byte[] _infoBytes = null!;
    private BatchRequest _batch = null!;
    private Old.BatchRequest _oldBatch = null!;
    private byte[] _batchBytes = null!;
    private byte[] _hostileBytes = null!;
    private MessagePackValue _tree = null!;
    private OldValue _oldTree = null!;
    private byte[] _treeBytes = null!;

    /// <summary>Builds every payload once, in both models, and checks both encode them to the same bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var packages = new PackageInfo[50];
        var oldPackages = new Old.PackageInfo[50];
        for (int i = 0; i < packages.Length; i++)
        {
            (string name, string version, string description) = ($"vim-plugin-{i:D2}", $"2:9.0.{1378 + i}-2", $"Vi IMproved plugin number {i} - enhanced vi editor extension");
            packages[i] = new PackageInfo(name, version, description, "apt", i % 3 == 0);
            oldPackages[i] = new Old.PackageInfo(name, version, description, "apt", i % 3 == 0);
        }

        _search = new SuccessResponse(7, new SearchResult(packages, 87));
        _oldSearch = new Old.SuccessResponse(7, new Old.SearchResult(oldPackages, 87));
        _searchBytes = Same(MessageCodec.Encode(_search), Old.MessageCodec.Encode(_oldSearch));

        _info = new SuccessResponse(8, new DetailedPackageInfo
        {
            Name = "openssl", Version = "3.0.15-1~deb12u1", Description = "Secure Sockets Layer toolkit - cryptographic utility\n This package is part of the OpenSSL project's implementation of the SSL and TLS cryptographic protocols.",
            Url = "https://www.openssl.org/", Size = 2_300_000, DownloadSize = 1_400_000, Repo = "bookworm-security/main",
            Depends = ["libc6", "libssl3", "debconf"], Licenses = ["Apache-2.0"], Source = "apt",
            InstalledVersion = "3.0.14-1~deb12u2", CandidateVersion = "3.0.15-1~deb12u1", Architecture = "amd64",
        });
        _oldInfo = new Old.SuccessResponse(8, new Old.DetailedPackageInfo
        {
            Name = "openssl", Version = "3.0.15-1~deb12u1", Description = "Secure Sockets Layer toolkit - cryptographic utility\n This package is part of the OpenSSL project's implementation of the SSL and TLS cryptographic protocols.",
            Url = "https://www.openssl.org/", Size = 2_300_000, DownloadSize = 1_400_000, Repo = "bookworm-security/main",
            Depends = ["libc6", "libssl3", "debconf"], Licenses = ["Apache-2.0"], Source = "apt",
            InstalledVersion = "3.0.14-1~deb12u2", CandidateVersion = "3.0.15-1~deb12u1", Architecture = "amd64",
        });
        _infoBytes = Same(MessageCodec.Encode(_info), Old.MessageCodec.Encode(_oldInfo));

        // A Batch of 100, the most omgd accepts: the request types a shell session sends.
        var items = new Request[100];
        var oldItems = new Old.Request[100];
        for (int i = 0; i < items.Length; i++)
        {
            ulong id = (ulong)(i + 2);
            (items[i], oldItems[i]) = (i % 5) switch
            {
                0 => ((Request)new SearchRequest(id, $"query {i}", 20), (Old.Request)new Old.SearchRequest(id, $"query {i}", 20)),
                1 => (new InfoRequest(id, $"package-{i}"), new Old.InfoRequest(id, $"package-{i}")),
                2 => (new SuggestRequest(id, $"pkg{i}"), new Old.SuggestRequest(id, $"pkg{i}")),
                3 => (new StatusRequest(id), new Old.StatusRequest(id)),
                _ => (new SearchRequest(id, "ssl", null, ["apt", "py*"], true), new Old.SearchRequest(id, "ssl", null, ["apt", "py*"], true)),
            };
        }

        _batch = new BatchRequest(1, items);
        _oldBatch = new Old.BatchRequest(1, oldItems);
        _batchBytes = Same(MessageCodec.Encode(_batch), Old.MessageCodec.Encode(_oldBatch));

        _hostileBytes = BuildHostileFrame(Protocol.Framing.FrameLimits.MaxRequestSize);
        _tree = CodecBenchmarks.BuildTree(1 << 20);
        _treeBytes = _tree.Encode();
        _oldTree = OldValue.Decode(_treeBytes);
        Same(_treeBytes, _oldTree.Encode());
        if (!DecodeHostileFrame1MiB_Library() || !DecodeHostileFrame1MiB_Handwritten())
        {
            throw new InvalidOperationException("the hostile frame was not refused with its id");
        }
    }

    /// <summary>SearchResult(50) encode, hand-written.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("SearchResult(50) encode")]
    public int EncodeSearchResult50_Handwritten()
    {
        _output.ResetWrittenCount();
        Old.MessageCodec.Write(_output, _oldSearch);
        return _output.WrittenCount;
    }

    /// <summary>SearchResult(50) encode, MessagePack-CSharp.</summary>
    [Benchmark, BenchmarkCategory("SearchResult(50) encode")]
    public int EncodeSearchResult50_Library()
    {
        _output.ResetWrittenCount();
        MessageCodec.Write(_output, _search);
        return _output.WrittenCount;
    }

    /// <summary>SearchResult(50) decode, hand-written.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("SearchResult(50) decode")]
    public object DecodeSearchResult50_Handwritten() => Old.MessageCodec.DecodeResponse(_searchBytes);

    /// <summary>SearchResult(50) decode, MessagePack-CSharp.</summary>
    [Benchmark, BenchmarkCategory("SearchResult(50) decode")]
    public object DecodeSearchResult50_Library() => MessageCodec.DecodeResponse(_searchBytes);

    /// <summary>DetailedPackageInfo encode, hand-written.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("DetailedPackageInfo encode")]
    public int EncodeDetailedPackageInfo_Handwritten()
    {
        _output.ResetWrittenCount();
        Old.MessageCodec.Write(_output, _oldInfo);
        return _output.WrittenCount;
    }

    /// <summary>DetailedPackageInfo encode, MessagePack-CSharp.</summary>
    [Benchmark, BenchmarkCategory("DetailedPackageInfo encode")]
    public int EncodeDetailedPackageInfo_Library()
    {
        _output.ResetWrittenCount();
        MessageCodec.Write(_output, _info);
        return _output.WrittenCount;
    }

    /// <summary>DetailedPackageInfo decode, hand-written.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("DetailedPackageInfo decode")]
    public object DecodeDetailedPackageInfo_Handwritten() => Old.MessageCodec.DecodeResponse(_infoBytes);

    /// <summary>DetailedPackageInfo decode, MessagePack-CSharp.</summary>
    [Benchmark, BenchmarkCategory("DetailedPackageInfo decode")]
    public object DecodeDetailedPackageInfo_Library() => MessageCodec.DecodeResponse(_infoBytes);

    /// <summary>Batch of 100 requests encode, hand-written.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Batch(100) encode")]
    public int EncodeBatch100_Handwritten()
    {
        _output.ResetWrittenCount();
        Old.MessageCodec.Write(_output, _oldBatch);
        return _output.WrittenCount;
    }

    /// <summary>Batch of 100 requests encode, MessagePack-CSharp.</summary>
    [Benchmark, BenchmarkCategory("Batch(100) encode")]
    public int EncodeBatch100_Library()
    {
        _output.ResetWrittenCount();
        MessageCodec.Write(_output, _batch);
        return _output.WrittenCount;
    }

    /// <summary>Batch of 100 requests decode (what omgd does with it), hand-written.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Batch(100) decode")]
    public object DecodeBatch100_Handwritten() => Old.MessageCodec.DecodeRequest(_batchBytes);

    /// <summary>Batch of 100 requests decode, MessagePack-CSharp.</summary>
    [Benchmark, BenchmarkCategory("Batch(100) decode")]
    public object DecodeBatch100_Library() => MessageCodec.DecodeRequest(_batchBytes);

    /// <summary>A 1 MiB hostile request refused (PARSE_ERROR with its id), hand-written.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Hostile 1 MiB frame")]
    public bool DecodeHostileFrame1MiB_Handwritten()
    {
        try
        {
            Old.MessageCodec.DecodeRequest(_hostileBytes);
            return false;
        }
        catch (Omg.Benchmarks.Handwritten.ProtocolException ex)
        {
            return ex.RequestId == 7;
        }
    }

    /// <summary>A 1 MiB hostile request refused (PARSE_ERROR with its id), MessagePack-CSharp.</summary>
    [Benchmark, BenchmarkCategory("Hostile 1 MiB frame")]
    public bool DecodeHostileFrame1MiB_Library()
    {
        try
        {
            MessageCodec.DecodeRequest(_hostileBytes);
            return false;
        }
        catch (ProtocolException ex)
        {
            return ex.RequestId == 7;
        }
    }

    /// <summary>1 MiB value tree decode, hand-written.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Tree 1 MiB decode")]
    public object DecodeTree1MiB_Handwritten() => OldValue.Decode(_treeBytes);

    /// <summary>1 MiB value tree decode, MessagePack-CSharp.</summary>
    [Benchmark, BenchmarkCategory("Tree 1 MiB decode")]
    public object DecodeTree1MiB_Library() => MessagePackValue.Decode(_treeBytes);

    private static byte[] Same(byte[] ours, byte[] theirs) =>
        ours.AsSpan().SequenceEqual(theirs) ? ours : throw new InvalidOperationException("the two codecs wrote different bytes");

    // A Search whose unknown field holds a megabyte of small records that must all be skipped (every string
    // validated, nesting counted) before the last string's invalid UTF-8 refuses the request.
    private static byte[] BuildHostileFrame(int size)
    {
        var records = new List<MessagePackValue>();
        int approx = 0;
        while (approx < size - 64)
        {
            records.Add(MessagePackValue.Map(("k", MessagePackValue.From("vvvvvvvv")), ("n", MessagePackValue.Array(MessagePackValue.From(1L), MessagePackValue.From(300L), MessagePackValue.From(-5L)))));
            approx += 20;
        }

        records[^1] = MessagePackValue.Map(("k", MessagePackValue.From("vvvvvvv~")), ("n", MessagePackValue.Array(MessagePackValue.From(1L), MessagePackValue.From(300L), MessagePackValue.From(-5L))));
        byte[] bytes = MessagePackValue.Map(("Search", MessagePackValue.Map(
            ("id", MessagePackValue.From(7L)), ("query", MessagePackValue.From("vim")), ("x", MessagePackValue.Array(records))))).Encode();
        int tilde = Array.LastIndexOf(bytes, (byte)'~');
        bytes[tilde] = 0xff;
        return bytes.Length <= size ? bytes : throw new InvalidOperationException($"hostile frame of {bytes.Length} bytes is over {size}");
    }
}
