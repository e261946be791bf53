using Omg.Packages.Compression;

namespace Omg.Packages.Tests.Debian;

public sealed class CompressionTests
{
    public static TheoryData<string, string> Codecs => new()
    {
        { "sample.txt.gz", nameof(IndexCompression.Gzip) },
        { "sample.txt.xz", nameof(IndexCompression.Xz) },
        { "sample.txt.lz4", nameof(IndexCompression.Lz4) },
        { "sample.txt.zst", nameof(IndexCompression.Zstd) },
    };

    private static byte[] Expected => File.ReadAllBytes(Fixtures.Compression("sample.txt"));

    [Theory]
    [MemberData(nameof(Codecs))]
    public void DecodesWhatTheCliToolWrote(string file, string codec)
    {
        Assert.Equal(codec, IndexDecompressor.FromFileName(file).ToString());
        var data = IndexDecompressor.ReadAll(Fixtures.Compression(file));
        Assert.Equal(Expected, data.Span.ToArray());
    }

    [Fact]
    public void PlainFilesPassThrough()
    {
        // Index files without compression have no dot in their names.
        using var temp = new TempRoot();
        var plain = temp.File("host_dists_suite_main_binary-amd64_Packages");
        File.Copy(Fixtures.Compression("sample.txt"), plain);
        var data = IndexDecompressor.ReadAll(plain);
        Assert.Equal(Expected, data.Span.ToArray());
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void TruncatedDataIsDetected(string file, string codec)
    {
        var raw = File.ReadAllBytes(Fixtures.Compression(file));
        var compression = Enum.Parse<IndexCompression>(codec);
        foreach (var keep in new[] { raw.Length / 2, raw.Length - 1, 10 })
        {
            Assert.Throws<InvalidDataException>(() => IndexDecompressor.Decode(compression, raw[..keep]));
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void CorruptDataIsDetected(string file, string codec)
    {
        var raw = File.ReadAllBytes(Fixtures.Compression(file));
        var compression = Enum.Parse<IndexCompression>(codec);
        // Damage the middle of the compressed payload; every format checksums or validates it.
        for (var i = raw.Length / 2; i < raw.Length / 2 + 8; i++)
        {
            raw[i] ^= 0x5A;
        }

        Assert.Throws<InvalidDataException>(() => IndexDecompressor.Decode(compression, raw));
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void EmptyInputIsCorrupt(string file, string codec)
    {
        _ = file;
        Assert.Throws<InvalidDataException>(() => IndexDecompressor.Decode(Enum.Parse<IndexCompression>(codec), []));
    }

    [Theory]
    [InlineData("x_Packages", nameof(IndexCompression.None))]
    [InlineData("x_Packages.bz2", nameof(IndexCompression.Unknown))]
    [InlineData("x_Packages.lzma", nameof(IndexCompression.Unknown))]
    [InlineData("/a.b/x_Packages", nameof(IndexCompression.None))]
    public void CompressionFollowsTheSuffix(string name, string expected) =>
        Assert.Equal(expected, IndexDecompressor.FromFileName(name).ToString());

    [Fact]
    public void UnknownCompressionIsRefused() =>
        Assert.Throws<NotSupportedException>(() => IndexDecompressor.ReadAll(Fixtures.Compression("sample.txt.bz2")));
}
