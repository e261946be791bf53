using Omg.Modules.Catalog;
using Omg.Tests.Shared;

namespace Omg.Modules.Tests.Catalog;

/// <summary>The catalog's listing: kept between calls, scanned again when a root changes.</summary>
public sealed class ModuleCatalogTests : IDisposable
{
    private readonly TestPaths _paths = new();

    private string Root => Path.Combine(_paths.Directory, "modules");

    public void Dispose() => _paths.Dispose();

    [Fact]
    public void An_unchanged_root_is_not_scanned_again()
    {
        Executable("sys/proc");
        var catalog = new ModuleCatalog([Root]);
        IReadOnlyList<CatalogEntry> first = catalog.List();
        Assert.Equal("sys.proc", Assert.Single(first).Name);
        Assert.Same(first, catalog.List());
    }

    [Fact]
    public void Added_removed_and_newly_executable_modules_and_edited_docs_show_at_once()
    {
        Executable("sys/proc");
        var catalog = new ModuleCatalog([Root]);
        Assert.Single(catalog.List());

        Executable("sys/net");
        Assert.Equal(["sys.net", "sys.proc"], catalog.List().Select(e => e.Name));

        File.Delete(Path.Combine(Root, "sys/net"));
        Assert.Equal(["sys.proc"], catalog.List().Select(e => e.Name));

        string plain = Path.Combine(Root, "sys/disk");
        File.WriteAllText(plain, "#!/bin/sh\n");
        Assert.Single(catalog.List());
        File.SetUnixFileMode(plain, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal(["sys.disk", "sys.proc"], catalog.List().Select(e => e.Name));

        string doc = Path.Combine(Root, "sys/proc" + ModuleDoc.Suffix);
        File.WriteAllText(doc, "version: '1'\n");
        Assert.Equal("1", catalog.List().Single(e => e.Name == "sys.proc").Doc?.Version);
        File.WriteAllText(doc, "version: '2'\n");
        File.SetLastWriteTimeUtc(doc, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal("2", catalog.List().Single(e => e.Name == "sys.proc").Doc?.Version);
    }

    [Fact]
    public void A_root_created_later_is_seen()
    {
        var catalog = new ModuleCatalog([Root]);
        Assert.Empty(catalog.List());
        Executable("late/one");
        Assert.Equal("late.one", Assert.Single(catalog.List()).Name);
    }

    [Fact]
    public void A_bad_doc_lists_the_module_with_the_reason()
    {
        Executable("sys/proc");
        File.WriteAllText(Path.Combine(Root, "sys/proc" + ModuleDoc.Suffix), "arguments: nope\n");
        CatalogEntry entry = Assert.Single(new ModuleCatalog([Root]).List());
        Assert.Null(entry.Doc);
        Assert.Contains("arguments: must be a list", entry.DocProblem, StringComparison.Ordinal);
    }

    private void Executable(string relative)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
