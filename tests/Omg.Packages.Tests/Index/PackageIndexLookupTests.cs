using Omg.Packages.Index;

namespace Omg.Packages.Tests.Index;

public sealed class PackageIndexLookupTests
{
    [Fact]
    public void FindPrefersAptThenLoadOrder()
    {
        var index = new PackageIndex(
        [
            Fake.Result(Fake.Package("six", "npm one", source: "npm")),
            Fake.Result(Fake.Package("six", "pypi one", source: "pypi")),
            Fake.Result(Fake.Package("six", "apt one")),
        ], []);

        Assert.Equal(["apt", "npm", "pypi"], index.Find("six").Select(p => p.Source).ToArray());
        Assert.Empty(index.Find("seven"));
    }

    [Fact]
    public void FindIsExactFirstThenIgnoresCase()
    {
        var index = new PackageIndex(
        [
            Fake.Result(Fake.Package("PyYAML", "yaml", source: "pypi"), Fake.Package("pyyaml", "other", source: "npm")),
        ], []);

        Assert.Equal("pypi", Assert.Single(index.Find("PyYAML")).Source);
        Assert.Equal("npm", Assert.Single(index.Find("pyyaml")).Source);
        Assert.Single(index.Find("PYYAML"));
    }

    [Fact]
    public void CarriesCountsProblemsAndRuntimes()
    {
        var counts = new SystemCounts(10, 4, 1, 2);
        RuntimeInfo[] runtimes = [new("python", "3.11.7", "/p", "pyenv", true)];
        var index = new PackageIndex(
        [
            new SourceLoadResult([], ["bad stanza"], counts),
            new SourceLoadResult([], ["bad json"], null),
        ], runtimes);

        Assert.Equal(counts, index.Counts);
        Assert.Equal(["bad stanza", "bad json"], index.Problems);
        Assert.Equal(runtimes, index.Runtimes);
        Assert.Null(PackageIndex.Empty.Counts);
    }
}
