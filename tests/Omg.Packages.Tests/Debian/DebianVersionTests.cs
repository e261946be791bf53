using System.Text;
using Omg.Packages.Compression;
using Omg.Packages.Debian;
using Omg.Tests.Shared.Fuzzing;

namespace Omg.Packages.Tests.Debian;

public sealed class DebianVersionTests
{
    [Theory]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0", "1.0-0", 0)]
    [InlineData("0:1.0", "1.0", 0)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0~~", "1.0~", -1)]
    [InlineData("1.0~", "1.0", -1)]
    [InlineData("1.0", "1.0+", -1)]
    [InlineData("1.0a", "1.0+", -1)]
    [InlineData("1.0", "1.0a", -1)]
    [InlineData("1:0.1", "2.0", 1)]
    [InlineData("10:1", "9:2", 1)]
    [InlineData("1.2", "1.10", -1)]
    [InlineData("1.002", "1.2", 0)]
    [InlineData("1.0-1", "1.0-1.1", -1)]
    [InlineData("1.0-1", "1.0-10", -1)]
    [InlineData("2.36-9+deb12u4", "2.36-9+deb12u10", -1)]
    [InlineData("1-2-3", "1-2-4", -1)]
    [InlineData("1-2-3", "1-2", 1)]
    [InlineData("1.0.0~beta1", "1.0.0~alpha2", 1)]
    [InlineData("a", "B", 1)]
    [InlineData("99999999999999999999999999999", "99999999999999999999999999998", 1)]
    [InlineData("1.000000000000000000000000000001", "1.1", 0)]
    [InlineData("", "0", 0)]
    public void KnownOrderings(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(DebianVersion.Compare(a, b)));
        Assert.Equal(-expected, Math.Sign(DebianVersion.Compare(b, a)));
    }

    [Theory]
    [InlineData("machine")]
    [InlineData("fixture")]
    public void AgreesWithDpkgOnRealVersions(string from)
    {
        var versions = from == "machine" ? MachineVersions() : File.ReadAllLines(Path.Combine(Fixtures.Directory, "versions.txt")).ToList();
        // A machine without apt lists fails the "machine" case with the reason instead of passing it on nothing;
        // the committed sample (a sample of bookworm's versions) runs everywhere.
        Assert.True(versions.Count >= 200, $"only {versions.Count} versions from {from}" + (from == "machine" ? ": this machine has no apt lists (run 'apt-get update')" : string.Empty));
        // Neighbours in name order are mostly versions of related packages; random pairs cover the rest.
        var random = new Random(12345);
        var pairs = new List<(string A, string B)>();
        for (var i = 0; i + 1 < versions.Count && pairs.Count < 700; i++)
        {
            pairs.Add((versions[i], versions[i + 1]));
        }

        while (pairs.Count < 1200)
        {
            pairs.Add((versions[random.Next(versions.Count)], versions[random.Next(versions.Count)]));
        }

        var expected = DpkgOracle.Compare(pairs);
        var mismatches = pairs.Zip(expected)
            .Where(p => Math.Sign(DebianVersion.Compare(p.First.A, p.First.B)) != p.Second)
            .Select(p => $"{p.First.A} vs {p.First.B}: dpkg {p.Second}")
            .ToList();
        Assert.Empty(mismatches);
    }

    // Versions from the machine's lists; empty when apt has none.
    private static List<string> MachineVersions()
    {
        var lists = Directory.Exists("/var/lib/apt/lists")
            ? Directory.GetFiles("/var/lib/apt/lists", "*_Packages*")
            : [];

        var versions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            var data = IndexDecompressor.ReadAll(list);
            foreach (var line in Encoding.UTF8.GetString(data.Span).Split('\n'))
            {
                if (line.StartsWith("Version: ", StringComparison.Ordinal))
                {
                    versions.Add(line[9..].Trim());
                }
            }

            // Native memory: returned only after the last read of it (it also keeps the buffer alive until then).
            data.Return();
        }

        // Every 5th distinct version keeps the dpkg run short while spanning the whole archive.
        return versions.Where((_, i) => versions.Count < 2000 || i % 5 == 0).ToList();
    }
}
