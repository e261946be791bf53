using System.Text;
using Omg.Packages.Runtimes;

namespace Omg.Packages.Tests.Runtimes;

public sealed class FileSystemViewTests
{
    [Theory]
    [InlineData("Name: a\nVersion: 1\n\nThe README\n\nmore\n", "Name: a\nVersion: 1\n")]
    [InlineData("Name: a\r\nVersion: 1\r\n\r\nThe README\r\n", "Name: a\r\nVersion: 1\r\n")]
    [InlineData("Name: a\nSummary: x\n  continued\nVersion: 1", "Name: a\nSummary: x\n  continued\nVersion: 1")]
    [InlineData("Name: a\n \nVersion: 1\n\nbody", "Name: a\n \nVersion: 1\n")]
    [InlineData("\nName: a\n", "")]
    [InlineData("\r\nName: a\n", "")]
    [InlineData("", "")]
    [InlineData("\uFEFFName: ä\n\nbody", "Name: ä\n")]
    public void ReadHeader_stops_at_the_first_blank_line(string content, string expected)
    {
        using var tree = new FixtureTree().File("/m/METADATA", content);
        Assert.Equal(expected, new FileSystemView(tree.Root).ReadHeader("/m/METADATA"));
    }

    [Theory]
    [InlineData(8190)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(8193)]
    [InlineData(20000)]
    public void ReadHeader_finds_a_blank_line_across_reads(int headerLength)
    {
        // A header of exactly this many bytes (one long field), then "\r\n" and a body larger than a read.
        var header = "Name: " + new string('x', headerLength - "Name: ".Length - 2) + "\r\n";
        var content = header + "\r\n" + new string('b', 50_000) + "\n";
        using var tree = new FixtureTree().File("/m/METADATA", content);
        Assert.Equal(header, new FileSystemView(tree.Root).ReadHeader("/m/METADATA"));
        Assert.Equal(headerLength, Encoding.UTF8.GetByteCount(header));
    }

    [Fact]
    public void ReadHeader_without_a_blank_line_reads_everything_and_a_missing_file_is_null()
    {
        var content = string.Concat(Enumerable.Range(0, 3000).Select(i => $"Classifier: Topic {i}\n"));
        using var tree = new FixtureTree().File("/m/METADATA", content);
        var view = new FileSystemView(tree.Root);
        Assert.Equal(content, view.ReadHeader("/m/METADATA"));
        Assert.Null(view.ReadHeader("/m/absent"));
    }
}
