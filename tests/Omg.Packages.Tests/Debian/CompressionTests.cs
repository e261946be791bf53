using System.Diagnostics;
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
        data.Return();
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
        data.Return();
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

    [Theory]
    [InlineData("gzip", "x_Packages.gz")]
    [InlineData("xz", "x_Packages.xz")]
    [InlineData("lz4", "x_Packages.lz4")]
    [InlineData("zstd", "x_Packages.zst")]
    public void OutputLargerThanTheFirstGuessIsWhole(string tool, string name)
    {
        // Repetitive text compresses far beyond the decoders' first size guess, so the output buffer has to
        // grow several times; every byte must survive the moves between buffers.
        var paragraph = "Package: vim\nVersion: 2:9.0.1378-2\nDescription: Vi IMproved - enhanced vi editor\n\n"u8.ToArray();
        var expected = new byte[6 << 20];
        for (var at = 0; at < expected.Length; at += paragraph.Length)
        {
            paragraph.AsSpan(0, Math.Min(paragraph.Length, expected.Length - at)).CopyTo(expected.AsSpan(at));
        }

        using var temp = new TempRoot();
        var path = temp.File(name);
        Compress(tool, expected, path);
        Assert.True(new FileInfo(path).Length * 20 < expected.Length, "the fixture must out-compress every first guess");

        var data = IndexDecompressor.ReadAll(path);
        Assert.Equal(expected.Length, data.Length);
        Assert.True(data.Span.SequenceEqual(expected));
        data.Return();
    }

    [Fact]
    public void ReleasedBuffersRefuseAccess()
    {
        var buffer = new NativeBuffer(64);
        buffer.Span.Fill(7);
        buffer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => buffer.Span.Length);
    }

    [Fact]
    public void RentedBuffersSurviveAPoolRelease()
    {
        // A build releases the pool when it publishes; a buffer another load still holds must stay readable.
        var rented = DecodeBuffers.Rent(100_000);
        rented.Span[..100_000].Fill(0x42);
        DecodeBuffers.ReleaseAll();
        Assert.True(rented.Capacity >= 100_000);
        Assert.Equal(-1, rented.Span[..100_000].IndexOfAnyExcept((byte)0x42));
        DecodeBuffers.Return(rented);
    }

    private static void Compress(string tool, byte[] input, string output)
    {
        var start = new ProcessStartInfo(tool, ["-c"]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        using var file = File.Create(output);
        var copy = process.StandardOutput.BaseStream.CopyToAsync(file);
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        copy.GetAwaiter().GetResult();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
