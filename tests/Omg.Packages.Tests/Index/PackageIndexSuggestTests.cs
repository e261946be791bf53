using Omg.Packages.Index;

namespace Omg.Packages.Tests.Index;

public sealed class PackageIndexSuggestTests
{
    private static readonly PackageIndex Index = new([Fake.Result(
        Fake.Package("python3"),
        Fake.Package("python3-numpy"),
        Fake.Package("python3-pip", installed: "23.0"),
        Fake.Package("cython3"),
        Fake.Package("firefox-esr"),
        Fake.Package("vim"),
        Fake.Package("vim-gtk3"),
        Fake.Package("vim-tiny", installed: "9.0"),
        Fake.Package("gvim"),
        Fake.Package("postgresql"),
        Fake.Package("postgresql-15"),
        Fake.Package("zsh"))], []);

    [Fact]
    public void PrefixMatchesComeFirstExactThenInstalledThenShorter()
    {
        var names = Index.Suggest("vim", 10);
        Assert.Equal(["vim", "vim-tiny", "vim-gtk3", "gvim"], names);
    }

    [Theory]
    [InlineData("pyhton3", "python3")]       // transposition
    [InlineData("pytthon3", "python3")]      // insertion
    [InlineData("pthon3", "python3")]        // deletion
    [InlineData("pxthon3", "python3")]       // substitution
    [InlineData("firefx", "firefox-esr")]    // typo in a prefix
    [InlineData("postgrsql", "postgresql")]
    public void FindsTypos(string query, string expectedFirst)
    {
        Assert.Equal(expectedFirst, Index.Suggest(query, 5).FirstOrDefault());
    }

    [Fact]
    public void RanksByDistanceThenInstalled()
    {
        // python3-pip is installed but python3 itself is the closer whole name.
        Assert.Equal(["python3", "python3-pip", "python3-numpy", "cython3"], Index.Suggest("pyhton3", 10));
    }

    [Fact]
    public void BoundsTheDistanceByQueryLength()
    {
        Assert.Empty(Index.Suggest("zs", 10).Where(n => n != "zsh").ToArray());
        Assert.Empty(Index.Suggest("qqqqqq", 10));
        Assert.Equal(["zsh"], Index.Suggest("ZS", 10));
    }

    [Fact]
    public void RespectsLimitAndEmptyQueries()
    {
        Assert.Equal(2, Index.Suggest("p", 2).Count);
        Assert.Empty(Index.Suggest("", 10));
        Assert.Empty(Index.Suggest("vim", 0));
        Assert.Empty(PackageIndex.Empty.Suggest("vim", 10));
    }

    [Fact]
    public void SuggestsOneNamePerPackageAcrossSources()
    {
        var index = new PackageIndex(
        [
            Fake.Result(Fake.Package("requests")),
            Fake.Result(Fake.Package("Requests", source: "pypi")),
        ], []);

        Assert.Equal(["requests"], index.Suggest("reqeusts", 10));
    }
}
