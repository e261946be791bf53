using System.Buffers;
using BenchmarkDotNet.Attributes;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Benchmarks;

/// <summary>
/// Encode and decode of the two payload shapes that dominate traffic: a Search answer with 50 packages
/// and a 1 MiB nested module data tree. Encoding writes into a reused buffer, so its allocation column
/// shows what the codec itself allocates.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(2 << 20);
    private SuccessResponse _search = null!;
    private byte[] _searchBytes = null!;
    private MessagePackValue _tree = null!;
    private byte[] _treeBytes = null!;

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
        _tree = BuildTree(1 << 20);
        _treeBytes = _tree.Encode();
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

    /// <summary>1 MiB nested tree encode into a reused buffer.</summary>
    [Benchmark]
    public int EncodeTree1MiB()
    {
        _output.ResetWrittenCount();
        var writer = new MessagePackWriter(_output);
        _tree.Write(ref writer);
        writer.Flush();
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

    // Module-like data: a map of tables (arrays of rows) and nested records, until the encoding reaches size.
    private static MessagePackValue BuildTree(int targetBytes)
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
