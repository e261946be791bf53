using Omg.Packages.Index;

namespace Omg.Packages.Tests.Index;

/// <summary>
/// <see cref="PathWatcher"/> through the process's one inotify instance: what a source's watch must notice,
/// what it must not, and that watchers sharing a directory stay independent.
/// </summary>
public sealed class InotifyWatchTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly string _dir = Directory.CreateTempSubdirectory("omg-inotify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_file_rewritten_by_rename_is_noticed()
    {
        var status = Path.Combine(_dir, "status");
        File.WriteAllText(status, "Package: a\n");
        var changes = new Counter();
        using var watcher = Watch(changes, status);
        Assert.Empty(watcher.PolledPaths);

        // dpkg writes status-new and renames it over status.
        File.WriteAllText(status + "-new", "Package: a\n\nPackage: b\n");
        File.Move(status + "-new", status, overwrite: true);
        Assert.True(changes.WaitForAny(), "no change reported after the file was replaced");
    }

    [Fact]
    public void Other_entries_of_a_files_directory_are_not_its_changes()
    {
        var status = Path.Combine(_dir, "status");
        File.WriteAllText(status, "Package: a\n");
        var changes = new Counter();
        using var watcher = Watch(changes, status);

        File.WriteAllText(Path.Combine(_dir, "available"), "unrelated\n");
        File.WriteAllText(status, "Package: b\n");
        Assert.True(changes.WaitForAny(), "no change reported for the watched file");

        // Only writes to status count.
        AssertNothingReportedFor(changes, () => File.WriteAllText(Path.Combine(_dir, "available"), "unrelated again\n"));
    }

    [Fact]
    public void A_file_added_to_a_watched_directory_is_noticed()
    {
        var lists = Directory.CreateDirectory(Path.Combine(_dir, "lists")).FullName;
        var changes = new Counter();
        using var watcher = Watch(changes, lists);
        File.WriteAllText(Path.Combine(lists, "x_Packages"), "Package: a\n");
        Assert.True(changes.WaitForAny(), "no change reported after a list was added");
    }

    [Fact]
    public void A_missing_file_that_appears_is_noticed()
    {
        var states = Path.Combine(_dir, "extended_states");
        var changes = new Counter();
        using var watcher = Watch(changes, states);
        File.WriteAllText(states, "Package: a\nAuto-Installed: 1\n");
        Assert.True(changes.WaitForAny(), "no change reported after the file was created");
    }

    [Fact]
    public void Watchers_of_one_directory_are_independent()
    {
        // inotify gives a directory one watch however many ask: ending one watcher must not end the other's.
        var lists = Directory.CreateDirectory(Path.Combine(_dir, "lists")).FullName;
        var first = new Counter();
        var second = new Counter();
        var kept = Watch(second, lists);
        using (Watch(first, lists))
        {
        }

        using (kept)
        {
            File.WriteAllText(Path.Combine(lists, "x_Packages"), "Package: a\n");
            Assert.True(second.WaitForAny(), "the remaining watcher was not told");
            Assert.Equal(0, first.Count);
        }

        // And once both are gone, nothing is reported to either.
        AssertNothingReportedFor(second, () => File.WriteAllText(Path.Combine(lists, "y_Packages"), "Package: b\n"));
    }

    [Fact]
    public void A_removed_directory_is_a_change_of_the_files_watched_through_it()
    {
        // The file does not exist yet, so only the directory's own removal can be reported.
        var admin = Directory.CreateDirectory(Path.Combine(_dir, "dpkg")).FullName;
        var changes = new Counter();
        using var watcher = Watch(changes, Path.Combine(admin, "status"));
        Directory.Delete(admin);
        Assert.True(changes.WaitForAny(), "no change reported after the directory was removed");
    }

    [Fact]
    public void Many_watchers_share_one_inotify_instance()
    {
        // FileSystemWatcher took an inotify instance per directory, and users get 128: a few daemons ran out and
        // fell back to polling. Three hundred watchers here must all be real inotify watches.
        var counters = Enumerable.Range(0, 300).Select(_ => new Counter()).ToList();
        var watchers = counters.Select(c => Watch(c, _dir)).ToList();
        try
        {
            Assert.All(watchers, w => Assert.Empty(w.PolledPaths));
            File.WriteAllText(Path.Combine(_dir, "x"), "x\n");
            Assert.All(counters, c => Assert.True(c.WaitForAny(), "a watcher was not told"));
        }
        finally
        {
            watchers.ForEach(w => w.Dispose());
        }
    }

    // Events of earlier writes may still be on their way (a write brings several): they settle first.
    private static void AssertNothingReportedFor(Counter changes, Action change)
    {
        Thread.Sleep(300);
        var settled = changes.Count;
        change();
        Thread.Sleep(300);
        Assert.Equal(settled, changes.Count);
    }

    private static PathWatcher Watch(Counter changes, params string[] paths) =>
        new(paths, changes.Increment, message => throw new Xunit.Sdk.XunitException("unexpected fallback: " + message));

    private sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);

        public bool WaitForAny()
        {
            var deadline = DateTime.UtcNow + Patience;
            while (DateTime.UtcNow < deadline)
            {
                if (Count > 0)
                {
                    return true;
                }

                Thread.Sleep(20);
            }

            return false;
        }
    }
}
