using Omg.Modules.Catalog;
using Omg.Modules.Python;

namespace Omg.Modules.Tests.Python;

/// <summary>The py3 modules of a sharelib with their docs, listed by one dispatcher run and kept until the scripts change.</summary>
public sealed class Py3CatalogTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Py3Sharelib _share = new();

    public void Dispose() => _share.Dispose();

    [Fact]
    public async Task Modules_come_with_their_docs_and_bad_docs_with_the_reason()
    {
        _share.Write("good.py", "doc = {'name': 'good', 'version': '1', 'description': 'd', 'arguments': [{'name': 'x', 'type': 'int', 'required': True}]}\ndef run(req):\n    return {}\n");
        _share.Write("plain.py", "def run(req):\n    return {}\n");
        _share.Write("bad.py", "doc = {'version': '1'}\ndef run(req):\n    return {}\n");
        using var catalog = new Py3Catalog(_share.Root, () => Py3Sharelib.Python, new Dictionary<string, string>());

        (IReadOnlyList<CatalogEntry> entries, string? problem) = await catalog.ListAsync(Timeout, CancellationToken.None);
        Assert.Null(problem);
        Assert.Contains("py3.plain", entries.Select(e => e.Name));
        ModuleDoc good = Assert.IsType<ModuleDoc>(entries.Single(e => e.Name == "py3.good").Doc);
        Assert.Equal(new ModuleDocArgument("x", "int", true, string.Empty, null), Assert.Single(good.Arguments));
        Assert.True(good.DeclaresArguments);
        // SysInspect's runtime wants a doc of every module: the dispatcher reports a missing one as a problem.
        Assert.Null(entries.Single(e => e.Name == "py3.plain").Doc);
        Assert.Equal("Reads /etc/os-release and returns VERSION.", entries.Single(e => e.Name == "py3.reader").Doc?.Description);
        CatalogEntry bad = entries.Single(e => e.Name == "py3.bad");
        Assert.Null(bad.Doc);
        Assert.Contains("name", bad.DocProblem, StringComparison.Ordinal);
        Assert.Same(good, await catalog.DocAsync("good", Timeout, CancellationToken.None));
    }

    [Fact]
    public async Task The_listing_is_kept_until_a_script_changes()
    {
        _share.Write("one.py", "def run(req):\n    return {}\n");
        using var catalog = new Py3Catalog(_share.Root, () => Py3Sharelib.Python, new Dictionary<string, string>());
        IReadOnlyList<CatalogEntry> first = (await catalog.ListAsync(Timeout, CancellationToken.None)).Entries;
        Assert.Same(first, (await catalog.ListAsync(Timeout, CancellationToken.None)).Entries);

        _share.Write("two.py", "doc = {'name': 'two', 'version': '2', 'description': 'x'}\ndef run(req):\n    return {}\n");
        IReadOnlyList<CatalogEntry> second = (await catalog.ListAsync(Timeout, CancellationToken.None)).Entries;
        Assert.Equal(first.Count + 1, second.Count);
        Assert.Contains("py3.two", second.Select(e => e.Name));
        Assert.Equal("2", (await catalog.DocAsync("two", Timeout, CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task No_python_is_an_empty_listing_that_says_why()
    {
        _share.Write("one.py", "def run(req):\n    return {}\n");
        using var catalog = new Py3Catalog(_share.Root, () => null, new Dictionary<string, string>());
        (IReadOnlyList<CatalogEntry> entries, string? problem) = await catalog.ListAsync(Timeout, CancellationToken.None);
        Assert.Empty(entries);
        Assert.Contains("no python3", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sharelib_without_scripts_lists_nothing_and_spawns_nothing()
    {
        using var catalog = new Py3Catalog(Path.Combine(_share.Root, "absent"), () => throw new InvalidOperationException("python was looked for"), new Dictionary<string, string>());
        (IReadOnlyList<CatalogEntry> entries, string? problem) = await catalog.ListAsync(Timeout, CancellationToken.None);
        Assert.Empty(entries);
        Assert.Null(problem);
    }
}
