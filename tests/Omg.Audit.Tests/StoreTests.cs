using Omg.Audit.Sources;
using Omg.Tests.Shared;

namespace Omg.Audit.Tests;

public sealed class StoreTests
{
    private static AuditService Service(TestPaths paths) =>
        new(new AuditServiceOptions { Root = AuditFixtures.Root(paths), StoreDirectory = Path.Combine(paths.Directory, "store") });

    [Fact]
    public async Task A_corrupt_source_is_refused_and_the_data_loaded_before_stays()
    {
        using var paths = new TestPaths();
        string source = Path.Combine(paths.Directory, "tracker.json");
        File.Copy(AuditFixtures.Tracker, source);
        using AuditService service = Service(paths);
        await service.LoadStoreAsync(CancellationToken.None);
        await service.ImportAsync(source, CancellationToken.None);
        string[] stored = Directory.GetFiles(service.Store.Directory);
        byte[][] before = stored.Select(File.ReadAllBytes).ToArray();

        byte[] whole = File.ReadAllBytes(AuditFixtures.Tracker);
        File.WriteAllBytes(source, whole[..(whole.Length - 20)]);
        var error = await Assert.ThrowsAsync<AdvisoryImportException>(() => service.ImportAsync(source, CancellationToken.None));
        Assert.Contains(source, error.Message, StringComparison.Ordinal);

        Assert.Equal(13, service.Database.Sources[source].Advisories);
        Assert.Equal(stored, Directory.GetFiles(service.Store.Directory));
        Assert.Equal(before, stored.Select(File.ReadAllBytes).ToArray());
        Assert.NotNull(service.Audit(1, () => []));
    }

    [Fact]
    public async Task The_store_is_loaded_again_and_a_corrupt_store_file_is_skipped()
    {
        using var paths = new TestPaths();
        var lines = new List<string>();
        using (AuditService first = Service(paths))
        {
            await first.LoadStoreAsync(CancellationToken.None);
            await first.ImportAsync(AuditFixtures.Tracker, CancellationToken.None);
            await first.ImportAsync(AuditFixtures.Osv, CancellationToken.None);
        }

        string store = Path.Combine(paths.Directory, "store");
        string osvData = Directory.GetFiles(store, "osv-*.data").Single();
        File.WriteAllText(osvData, "{ broken");
        using var second = new AuditService(new AuditServiceOptions { Root = Path.Combine(paths.Directory, "root"), StoreDirectory = store }, lines.Add);
        await second.LoadStoreAsync(CancellationToken.None);
        Assert.Equal([AuditFixtures.Tracker], second.Database.Sources.Keys);
        Assert.Contains(lines, l => l.Contains("skipped", StringComparison.Ordinal) && l.Contains(osvData, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_loaded_means_no_report_rather_than_a_clean_one()
    {
        using var paths = new TestPaths();
        using AuditService service = Service(paths);
        await service.LoadStoreAsync(CancellationToken.None);
        Assert.Null(service.Audit(1, () => []));
        Assert.Null(service.Latest(1, () => []));
    }
}
