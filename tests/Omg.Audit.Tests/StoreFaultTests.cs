using System.Diagnostics;
using Omg.Audit.Sources;
using Omg.Tests.Shared;

namespace Omg.Audit.Tests;

/// <summary>
/// Saving advisories to a data directory that cannot take them (issue 19, item 4): full, or read-only. The import is
/// refused with the reason, and the advisories loaded and stored before stay, in memory and on disk. The store is a
/// small tmpfs of the test's own, so mounting needs root; other runs show the test as skipped, with why.
/// </summary>
public sealed class StoreFaultTests
{
    [SkippableFact]
    public async Task An_import_into_a_full_or_read_only_data_dir_is_refused_and_the_advisories_before_stay()
    {
        Skip.IfNot(ProcessState.IsRoot(), "a full or read-only data directory is played by a tmpfs mount, which needs root; this run is not root");
        using var paths = new TestPaths();
        string mount = Path.Combine(paths.Directory, "data");
        Directory.CreateDirectory(mount);
        Skip.IfNot(await RunAsync("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mount) == 0, "mount -t tmpfs is not permitted here");
        try
        {
            string store = Path.Combine(mount, "store");
            string root = AuditFixtures.Root(paths);
            using var service = new AuditService(new AuditServiceOptions { Root = root, StoreDirectory = store });
            await service.LoadStoreAsync(CancellationToken.None);
            await service.ImportAsync(AuditFixtures.Tracker, CancellationToken.None);
            string[] stored = Directory.GetFiles(store);
            byte[][] before = stored.Select(File.ReadAllBytes).ToArray();

            // Full: a filler file takes every block left.
            string filler = Path.Combine(mount, "filler");
            Assert.NotEqual(0, await RunAsync("dd", "if=/dev/zero", "of=" + filler, "bs=4k"));
            var full = await Assert.ThrowsAsync<AdvisoryImportException>(() => service.ImportAsync(AuditFixtures.Osv, CancellationToken.None));
            Assert.Contains("No space left on device", full.ToString(), StringComparison.Ordinal);
            AssertUnchanged();

            // Read-only: room again, but no writing at all.
            File.Delete(filler);
            Assert.Equal(0, await RunAsync("mount", "-o", "remount,ro", mount));
            var readOnly = await Assert.ThrowsAsync<AdvisoryImportException>(() => service.ImportAsync(AuditFixtures.Osv, CancellationToken.None));
            Assert.Contains("Read-only file system", readOnly.ToString(), StringComparison.Ordinal);
            AssertUnchanged();

            // And a restart finds the advisories stored before.
            using var restarted = new AuditService(new AuditServiceOptions { Root = root, StoreDirectory = store });
            await restarted.LoadStoreAsync(CancellationToken.None);
            Assert.Equal(13, restarted.Database.Sources[AuditFixtures.Tracker].Advisories);

            void AssertUnchanged()
            {
                Assert.Equal([AuditFixtures.Tracker], service.Database.Sources.Keys);
                Assert.Equal(13, service.Database.Sources[AuditFixtures.Tracker].Advisories);
                Assert.Equal(stored, Directory.GetFiles(store));
                Assert.Equal(before, stored.Select(File.ReadAllBytes).ToArray());
                Assert.NotNull(service.Audit(1, () => []));
            }
        }
        finally
        {
            await RunAsync("umount", "-l", mount);
        }
    }

    private static async Task<int> RunAsync(string program, params string[] args)
    {
        using Process process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
