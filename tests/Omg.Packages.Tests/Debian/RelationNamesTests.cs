using System.Text;
using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

public sealed class RelationNamesTests
{
    [Theory]
    [InlineData("", "", "")]
    [InlineData("dpkg (>= 1.15.6~)", "", "dpkg")]
    [InlineData("", "libc6 (>= 2.34), libgpm2 (>= 1.20.7)", "libc6 libgpm2")]
    [InlineData("dpkg", "libc6, dpkg (>= 1.17)", "dpkg libc6")]
    [InlineData("", "default-mta | mail-transport-agent, python3:any (>= 3.11)", "default-mta python3")]
    [InlineData("", "libfoo [amd64] <!nocheck>,\n libbar (<< 2)", "libfoo libbar")]
    public void NamesAreThoseOfPreDependsThenDependsOnceEach(string preDepends, string depends, string expected)
    {
        var names = RelationNames.Of(Encoding.UTF8.GetBytes(preDepends), Encoding.UTF8.GetBytes(depends), new ByteArena());
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), names);
        Assert.Equal(names.Count, names.ToArray().Length);
    }

    [Fact]
    public void KeptTextSurvivesLaterKeepsAndChunkChanges()
    {
        // Enough fields to fill several of the arena's chunks; each must still read back as written.
        var arena = new ByteArena();
        var kept = new List<(IReadOnlyList<string> Names, string Expected)>();
        for (var i = 0; i < 20_000; i++)
        {
            var depends = $"lib{i} (>= {i}.0), common{i % 7}";
            kept.Add((RelationNames.Of([], Encoding.UTF8.GetBytes(depends), arena), $"lib{i} common{i % 7}"));
        }

        Assert.All(kept, k => Assert.Equal(k.Expected.Split(' '), k.Names));
    }

    [Fact]
    public void ConcurrentFirstReadsAgree()
    {
        var names = RelationNames.Of("pre"u8, "a, b | c, d:any"u8, new ByteArena());
        var seen = new string[8][];
        Parallel.For(0, seen.Length, i => seen[i] = [.. names]);
        Assert.All(seen, s => Assert.Equal(["pre", "a", "b", "d"], s));
    }
}
