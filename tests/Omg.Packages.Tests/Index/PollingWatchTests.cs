using Omg.Packages.Index;

namespace Omg.Packages.Tests.Index;

/// <summary>
/// The fallback used when inotify cannot watch a path (the per-user instance limit reached): the same paths
/// a source names, checked every second. Exhausting inotify inside a test run would break every other test's
/// watchers, so these force polling through <see cref="PathWatcher"/>'s switch.
/// </summary>
public sealed class PollingWatchTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly string _dir = Directory.CreateTempSubdirectory("omg-poll-").FullName;
    private int _changes;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_file_rewritten_by_rename_is_noticed()
    {
        var status = Path.Combine(_dir, "status");
        File.WriteAllText(status, "Package: a\n");
        using var watcher = Watch(status);
        Assert.Equal([status], watcher.PolledPaths);

        // dpkg writes status-new and renames it over status.
        File.WriteAllText(status + "-new", "Package: a\n\nPackage: b\n");
        File.Move(status + "-new", status, overwrite: true);
        Assert.True(WaitForChange(), "no change reported after the file was replaced");
    }

    [Fact]
    public void A_missing_file_that_appears_is_noticed()
    {
        var states = Path.Combine(_dir, "extended_states");
        using var watcher = Watch(states);
        File.WriteAllText(states, "Package: a\nAuto-Installed: 1\n");
        Assert.True(WaitForChange(), "no change reported after the file was created");
    }

    [Fact]
    public void A_file_added_to_a_watched_directory_is_noticed()
    {
        var lists = Directory.CreateDirectory(Path.Combine(_dir, "lists")).FullName;
        using var watcher = Watch(lists);
        File.WriteAllText(Path.Combine(lists, "x_Packages"), "Package: a\n");
        Assert.True(WaitForChange(), "no change reported after a list was added");
    }

    [Fact]
    public void Nothing_is_reported_while_nothing_changes()
    {
        var status = Path.Combine(_dir, "status");
        File.WriteAllText(status, "Package: a\n");
        using var watcher = Watch(status, _dir);
        Thread.Sleep(PathWatcher.PollInterval * 2.5);
        Assert.Equal(0, Volatile.Read(ref _changes));
    }

    private PathWatcher Watch(params string[] paths) =>
        new(paths, () => Interlocked.Increment(ref _changes), _ => { }, poll: true);

    private bool WaitForChange()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (Volatile.Read(ref _changes) > 0)
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }
}
