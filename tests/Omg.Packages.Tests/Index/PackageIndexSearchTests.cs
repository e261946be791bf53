using Omg.Packages.Index;

namespace Omg.Packages.Tests.Index;

public sealed class PackageIndexSearchTests
{
    private static PackageIndex Build(params PackageRecord[] packages) => new([Fake.Result(packages)], []);

    private static string[] Names(PackageSearchResult result) => result.Packages.Select(p => p.Name).ToArray();

    [Fact]
    public void RanksExactThenPrefixThenBoundaryThenSubstringThenProvidesThenDescription()
    {
        var index = Build(
            Fake.Package("aaa-desc", "a good vim companion"),
            Fake.Package("neovim", "editor"),
            Fake.Package("zz-provider", "editor", provides: ["vim-compatible"]),
            Fake.Package("gvim-x", "editor"),
            Fake.Package("python3-vim", "bindings"),
            Fake.Package("vimrc", "config"),
            Fake.Package("vim", "Vi IMproved"),
            Fake.Package("vim-gtk3", "gui"),
            Fake.Package("unrelated", "nothing here"));

        var result = index.Search("vim", 50);

        Assert.Equal(["vim", "vim-gtk3", "vimrc", "python3-vim", "gvim-x", "neovim", "zz-provider", "aaa-desc"], Names(result));
        Assert.Equal(8, result.Total);
    }

    [Fact]
    public void Sources_limit_the_search_before_the_limit_and_the_total()
    {
        // Enough apt packages ranked above the pypi ones that a limit of 2 over all sources holds no pypi hit.
        var index = new PackageIndex(
            [
                Fake.Result(Fake.Package("ssl-a", "tls"), Fake.Package("ssl-b", "tls"), Fake.Package("ssl-c", "tls")),
                Fake.Result(Fake.Package("zz-ssl", "pure python tls", source: "npm")),
                Fake.Result(Fake.Package("pyssl", "tls", source: "pypi"), Fake.Package("zz-tls", "an ssl wrapper", source: "pypi")),
            ],
            []);

        Assert.Equal(["ssl-a", "ssl-b"], Names(index.Search("ssl", 2)));
        Assert.Equal(6, index.Search("ssl", 2).Total);

        var pypi = index.Search("ssl", 2, ["pypi"]);
        Assert.Equal(["pyssl", "zz-tls"], Names(pypi));
        Assert.Equal(2, pypi.Total);

        Assert.Equal(["zz-ssl", "pyssl", "zz-tls"], Names(index.Search("ssl", 10, ["P*", "n?m"])));
        Assert.Equal(4, index.Search("ssl", 10, ["apt", "npm"]).Total);
        Assert.Equal(6, index.Search("ssl", 10, ["*"]).Total);
        Assert.Equal(0, index.Search("ssl", 10, ["nosuch"]).Total);
        Assert.Empty(index.Search("ssl", 10, []).Packages);
    }

    [Fact]
    public void Installed_only_limits_the_search_before_the_limit_and_the_total_and_combines_with_sources()
    {
        // The installed packages rank below two that are not, so a plain search with limit 2 returns neither.
        var index = new PackageIndex(
            [
                Fake.Result(Fake.Package("ssl", "tls"), Fake.Package("ssl-cert", "tls"), Fake.Package("ssl-tools", "tls", installed: "1.0"), Fake.Package("zz", "an ssl helper", installed: "2.0")),
                Fake.Result(Fake.Package("pyssl", "tls", source: "pypi", installed: "3.0"), Fake.Package("sslpy", "tls", source: "pypi")),
            ],
            []);

        Assert.Equal(["ssl", "ssl-cert"], Names(index.Search("ssl", 2)));

        var installed = index.Search("ssl", 2, installedOnly: true);
        Assert.Equal(["ssl-tools", "pyssl"], Names(installed));
        Assert.Equal(3, installed.Total);
        Assert.All(installed.Packages, p => Assert.True(p.IsInstalled));

        Assert.Equal(["pyssl"], Names(index.Search("ssl", 10, ["pypi"], installedOnly: true)));
        Assert.Equal(["ssl-tools", "zz"], Names(index.Search("ssl", 10, ["apt"], installedOnly: true)));
        Assert.Equal(0, index.Search("nosuch", 10, installedOnly: true).Total);
    }

    [Theory]
    [InlineData("apt", "apt", true)]
    [InlineData("APT", "apt", true)]
    [InlineData("a*", "apt", true)]
    [InlineData("*t", "apt", true)]
    [InlineData("a?t", "apt", true)]
    [InlineData("*", "pypi", true)]
    [InlineData("p*p*", "pypi", true)]
    [InlineData("*y*i", "pypi", true)]
    [InlineData("ap", "apt", false)]
    [InlineData("apt?", "apt", false)]
    [InlineData("?", "apt", false)]
    [InlineData("*x*", "pypi", false)]
    [InlineData("", "apt", false)]
    public void Source_patterns_use_star_and_question_mark_ignoring_case(string pattern, string source, bool matches) =>
        Assert.Equal(matches, SourcePattern.Matches(pattern, source));

    [Fact]
    public void EveryWordMustMatchSomewhereAndTheBestWordRanks()
    {
        var index = Build(
            Fake.Package("nano", "small text editor"),
            Fake.Package("texteditor-x", "an editor", "for text"),
            Fake.Package("ed", "line editor"),
            Fake.Package("gedit", "graphical editor", "edits text files"));

        var result = index.Search("TEXT   editor", 10);

        Assert.Equal(["texteditor-x", "gedit", "nano"], Names(result));
        Assert.Equal(3, result.Total);
    }

    [Fact]
    public void MatchesLiterallyNotAsRegex()
    {
        var index = Build(
            Fake.Package("libstdc++6", "GNU Standard C++ Library"),
            Fake.Package("cplus", "c plus plus"),
            Fake.Package("abc", "version 1.2 of a.b"),
            Fake.Package("axb", "version 1x2"));

        Assert.Equal(["libstdc++6"], Names(index.Search("c++", 10)));
        Assert.Equal(["abc"], Names(index.Search("1.2", 10)));
        Assert.Empty(index.Search("a.*b", 10).Packages);
    }

    [Fact]
    public void MatchesInsideDescriptionWordsAndAcrossLongDescriptions()
    {
        var index = Build(
            Fake.Package("one", "short", "the long\n description mentions Frobnication."),
            Fake.Package("two", "Frobnicator tool"),
            Fake.Package("three", "nothing"));

        Assert.Equal(["one", "two"], Names(index.Search("frobnicat", 10)));
        Assert.Equal(["one"], Names(index.Search("frobnication.", 10)));
        // Words never match across a field boundary or a space.
        Assert.Empty(index.Search("shortthe", 10).Packages);
        Assert.Empty(index.Search("longdescription", 10).Packages);
    }

    [Fact]
    public void ShortWordsMatchToo()
    {
        var index = Build(Fake.Package("golang-go", "Go compiler"), Fake.Package("x11-apps", "X apps"), Fake.Package("abc", "def"));

        Assert.Equal(["golang-go"], Names(index.Search("go", 10)));
        Assert.Equal(["x11-apps"], Names(index.Search("x", 10)));
        Assert.Equal(["abc"], Names(index.Search("f", 10)));
    }

    [Fact]
    public void TotalCountsAllMatchesRegardlessOfLimit()
    {
        var packages = Enumerable.Range(0, 300).Select(i => Fake.Package($"pkg{i:D3}", "common words")).ToArray();
        var index = Build(packages);

        var limited = index.Search("common", 7);
        Assert.Equal(300, limited.Total);
        Assert.Equal(["pkg000", "pkg001", "pkg002", "pkg003", "pkg004", "pkg005", "pkg006"], Names(limited));

        var none = index.Search("pkg", 0);
        Assert.Equal(300, none.Total);
        Assert.Empty(none.Packages);
    }

    [Fact]
    public void BlankQueryMatchesNothing()
    {
        var index = Build(Fake.Package("a", "b"));
        Assert.Equal(0, index.Search("  \t ", 10).Total);
        Assert.Equal(0, PackageIndex.Empty.Search("a", 10).Total);
    }

    [Fact]
    public void SearchSpansSourcesWithOneRowPerSourceAndName()
    {
        var index = new PackageIndex(
        [
            Fake.Result(Fake.Package("requests", "apt copy"), Fake.Package("requests", "duplicate ignored")),
            Fake.Result(Fake.Package("requests", "HTTP for humans", source: "pypi"), Fake.Package("left-pad", "pad", source: "npm")),
        ], []);

        var result = index.Search("requests", 10);

        Assert.Equal(2, result.Total);
        Assert.Equal(["apt", "pypi"], result.Packages.Select(p => p.Source).ToArray());
        Assert.Equal("apt copy", result.Packages[0].Description);
        Assert.Equal("npm", Assert.Single(index.Search("pad", 10).Packages).Source);
    }

    [Theory]
    [InlineData("vim")]
    [InlineData("python3")]
    [InlineData("ssl")]
    public void OnTheRealCorpusNameMatchesComeFirstThenDescriptionOnlyOnes(string word)
    {
        // The corpus is large enough for the text index to be tokenized in two halves and merged; the
        // names-only postings of both halves decide this order.
        var index = new PackageIndex([new SourceLoadResult(AptCorpus.Packages, [], null)], []);
        var hits = index.Search(word, 20_000).Packages;
        bool NameHolds(PackageRecord p) =>
            p.Name.Contains(word, StringComparison.OrdinalIgnoreCase) || p.Provides.Any(v => v.Contains(word, StringComparison.OrdinalIgnoreCase));

        var firstDescriptionOnly = hits.ToList().FindIndex(p => !NameHolds(p));
        Assert.True(firstDescriptionOnly > 0, "expected name matches and then description-only ones");
        Assert.All(hits.Skip(firstDescriptionOnly), p => Assert.False(NameHolds(p), $"{p.Name} matches by name but ranks after description-only hits"));
        var descriptionOnly = hits.Skip(firstDescriptionOnly).Select(p => p.Name).ToArray();
        Assert.Equal(descriptionOnly.Order(StringComparer.Ordinal), descriptionOnly);
    }

    [Theory]
    [InlineData("vim")]
    [InlineData("python3")]
    [InlineData("text editor")]
    [InlineData("lib dev")]
    [InlineData("gnome shell extension")]
    [InlineData("go")]
    [InlineData("c++")]
    [InlineData("x")]
    public void AgreesWithALinearScanOnTheRealCorpus(string query)
    {
        var corpus = AptCorpus.Packages;
        var index = new PackageIndex([new SourceLoadResult(corpus, [], null)], []);
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = corpus
            .Where(p => words.All(w =>
                p.Name.Contains(w, StringComparison.OrdinalIgnoreCase)
                || p.Provides.Any(v => v.Contains(w, StringComparison.OrdinalIgnoreCase))
                || p.Description.Contains(w, StringComparison.OrdinalIgnoreCase)
                || (p.LongDescription?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false)))
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

        var result = index.Search(query, 1000_000);

        Assert.Equal(expected.Length, result.Total);
        Assert.Equal(expected, Names(result).Order(StringComparer.Ordinal).ToArray());
        Assert.True(expected.Length > 0, "the corpus should hold a match");
    }
}
