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
    public void CountsComeFromTheFirstSourceThatHasThemAndProblemsFromAllInLoadOrder()
    {
        // The system package manager's source need not load first, and a later source's counts never win.
        var dpkg = new SystemCounts(10, 4, 1, 2);
        var index = new PackageIndex(
        [
            new SourceLoadResult([Fake.Package("left-pad", "pad", source: "npm")], ["bad json"], null),
            new SourceLoadResult([Fake.Package("vim", "editor")], ["bad stanza", "bad version"], dpkg),
            new SourceLoadResult([], ["late"], new SystemCounts(99, 99, 99, 99)),
        ], []);

        Assert.Equal(dpkg, index.Counts);
        Assert.Equal(["bad json", "bad stanza", "bad version", "late"], index.Problems);
        Assert.Null(new PackageIndex([Fake.Result(Fake.Package("six", "x", source: "pypi"))], []).Counts);
        Assert.Null(PackageIndex.Empty.Counts);
        Assert.Empty(PackageIndex.Empty.Problems);
    }
}
