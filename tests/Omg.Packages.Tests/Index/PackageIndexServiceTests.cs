using System.Collections.Concurrent;
using Omg.Packages.Index;
using Omg.Packages.Runtimes;
using Omg.Tests.Shared;

namespace Omg.Packages.Tests.Index;

public sealed class PackageIndexServiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("omg-index-").FullName;
    private readonly ConcurrentQueue<string> _log = new();

    public void Dispose() => Directory.Delete(_dir, true);

    private PackageIndexService Service(params IPackageSource[] sources) =>
        new(sources, new FixedRuntimes(), new PackageIndexServiceOptions { Debounce = TimeSpan.FromMilliseconds(50) }, _log.Enqueue);

    [Fact]
    public async Task ServesEmptyUntilStartedThenTheFirstBuild()
    {
        await using var service = Service(new FakeSource("apt", () => Fake.Result(Fake.Package("vim", "editor"))));
        Assert.Same(PackageIndex.Empty, service.Current);
        Assert.Same(PackageIndex.Empty, await service.GetAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None));

        service.Start();
        var index = await service.Ready.WaitAsync(Eventually.Deadline);

        Assert.Same(index, service.Current);
        Assert.Equal("vim", Assert.Single(index.Find("vim")).Name);
        Assert.Equal("python", Assert.Single(index.Runtimes).Name);
    }

    [Fact]
    public async Task KeepsTheLastGoodDataOfASourceThatThrows()
    {
        var fail = false;
        var flaky = new FakeSource("npm", () => fail
            ? throw new InvalidOperationException("boom")
            : Fake.Result(Fake.Package("left-pad", source: "npm")));
        var steady = new FakeSource("apt", () => Fake.Result(Fake.Package("vim")));
        await using var service = Service(steady, flaky);
        service.Start();
        await service.Ready.WaitAsync(Eventually.Deadline);

        fail = true;
        var index = await service.RebuildAsync(CancellationToken.None);

        Assert.Single(index.Find("left-pad"));
        Assert.Single(index.Find("vim"));
        Assert.Contains(index.Problems, p => p.StartsWith("npm: load failed", StringComparison.Ordinal) && p.Contains("boom"));
        Assert.Contains(_log, l => l.Contains("boom"));
        Assert.Equal(2, flaky.Loads);
    }

    [Fact]
    public async Task AFirstLoadFailureYieldsAnEmptySourceAndAProblem()
    {
        await using var service = Service(new FakeSource("pypi", () => throw new IOException("unreadable")));
        service.Start();
        var index = await service.Ready.WaitAsync(Eventually.Deadline);

        Assert.Empty(index.Packages);
        Assert.Contains(index.Problems, p => p.Contains("unreadable"));
    }

    [Fact]
    public async Task FollowsAFileThatIsReplacedByRename()
    {
        var status = Path.Combine(_dir, "status");
        await File.WriteAllTextAsync(status, "alpha\n");
        var source = new FakeSource("apt", () => Fake.Result(File.ReadAllLines(status)
            .Where(l => l.Length > 0).Select(n => Fake.Package(n, "from file")).ToArray()), status);
        await using var service = Service(source);
        service.Start();
        await service.Ready.WaitAsync(Eventually.Deadline);
        Assert.Equal(1, service.Current.Search("from", 10).Total);

        // dpkg writes status-new and renames it over status.
        var next = Path.Combine(_dir, "status-new");
        await File.WriteAllTextAsync(next, "alpha\nbeta\ngamma\n");
        File.Move(next, status, overwrite: true);

        await Eventually.TrueAsync(() => service.Current.Search("from", 10).Total == 3);
        Assert.Single(service.Current.Find("gamma"));
    }

    [Fact]
    public async Task FollowsADirectoryAndOnlyReloadsTheChangedSource()
    {
        var lists = Directory.CreateDirectory(Path.Combine(_dir, "lists")).FullName;
        var watched = new FakeSource("apt", () => Fake.Result(Directory.GetFiles(lists)
            .Select(f => Fake.Package(Path.GetFileName(f), "listed")).ToArray()), lists);
        var other = new FakeSource("npm", () => Fake.Result(), Path.Combine(_dir, "missing", "dir"));
        await using var service = Service(watched, other);
        service.Start();
        await service.Ready.WaitAsync(Eventually.Deadline);

        await File.WriteAllTextAsync(Path.Combine(lists, "newpkg"), "x");

        await Eventually.TrueAsync(() => service.Current.Find("newpkg").Count == 1);
        Assert.Equal(1, other.Loads);
        Assert.True(watched.Loads >= 2);
        Assert.Contains(_log, l => l.Contains("not watching"));
    }

    [Fact]
    public async Task A_pin_written_to_preferences_d_changes_the_upgradable_count()
    {
        using var root = Omg.Packages.Tests.Debian.Fixtures.CopyRoot("outdated");
        await using var service = Service(new Omg.Packages.Debian.DebianPackageSource(root.Path));
        service.Start();
        var before = (await service.Ready.WaitAsync(Eventually.Deadline)).Counts!.UpdatesAvailable;

        // The fixture has no preferences.d yet: its creation in etc/apt is seen (a rebuild, which watches the new
        // folder itself), then a hold on everything written into it. Waiting for that rebuild rather than a fixed
        // time keeps a slow machine from turning the two changes into one.
        var generation = service.Generation;
        Directory.CreateDirectory(root.File("etc/apt/preferences.d"));
        await Eventually.TrueAsync(() => service.Generation != generation, "a rebuild after creating preferences.d");

        await File.WriteAllTextAsync(root.File("etc/apt/preferences.d/hold"), "Package: *\nPin: release *\nPin-Priority: 50\n");

        await Eventually.TrueAsync(() => service.Current.Counts!.UpdatesAvailable == 0);
        Assert.True(before > 0);
    }

    [Fact]
    public async Task A_repository_added_to_sources_list_brings_its_lists_in()
    {
        using var root = Omg.Packages.Tests.Debian.Fixtures.CopyRoot("outdated");
        await File.WriteAllTextAsync(root.File("var/lib/apt/lists/deb.debian.org_debian_dists_trixie_main_binary-amd64_Packages"), "Package: dash\nVersion: 0.5.99-1\nArchitecture: amd64\nMulti-Arch: foreign\nDescription: newer dash\n");
        await using var service = Service(new Omg.Packages.Debian.DebianPackageSource(root.Path));
        service.Start();
        var before = (await service.Ready.WaitAsync(Eventually.Deadline)).Counts!.UpdatesAvailable;

        // The list is not read while no source refers to it; adding the repository (as before an apt update) is
        // a change of sources.list, which is watched.
        await File.AppendAllTextAsync(root.File("etc/apt/sources.list"), "deb [trusted=yes] http://deb.debian.org/debian trixie main\n");

        await Eventually.TrueAsync(() => service.Current.Counts!.UpdatesAvailable == before + 1);
        Assert.Equal("0.5.99-1", service.Current.Find("dash").Single().CandidateVersion);
    }

    [Fact]
    public async Task DisposeStopsAndCancelsReady()
    {
        var service = Service(new FakeSource("apt", () => Fake.Result()));
        await service.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.Ready);
        Assert.Throws<ObjectDisposedException>(service.Start);
    }

    private sealed class FixedRuntimes : IRuntimeDetector
    {
        public IReadOnlyList<RuntimeInfo> Detect(CancellationToken cancellationToken) =>
            [new RuntimeInfo("python", "3.11.7", "/usr/bin/python3.11", "system", true)];
    }
}
