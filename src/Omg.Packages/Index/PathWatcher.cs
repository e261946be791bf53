namespace Omg.Packages.Index;

/// <summary>
/// Watches a source's paths and reports any change. A directory is watched itself; a file is watched
/// through its parent directory filtered by its name, which also catches the write-to-temp-then-rename
/// dpkg and apt use. A missing path is watched through its parent so its creation is noticed; a path
/// whose parent is missing too is skipped. Watches go through the process's one inotify instance
/// (<see cref="Inotify"/>); a path inotify cannot watch (no instance to be had, the per-user limit on
/// watches reached) is polled instead (<see cref="PollingWatch"/>). Watchers are recreated after every load
/// of the source.
/// </summary>
internal sealed class PathWatcher : IDisposable
{
    /// <summary>How often polled paths are checked.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly List<IDisposable> _watches = [];
    private readonly PollingWatch? _polling;

    /// <summary>Watches <paramref name="paths"/>, calling <paramref name="onChange"/> on any change.</summary>
    /// <param name="paths">Files and directories.</param>
    /// <param name="onChange">Called from a watcher or timer thread.</param>
    /// <param name="log">Receives what could not be watched and how it is watched instead.</param>
    /// <param name="poll">Polls every path instead of using inotify (tests of the fallback).</param>
    public PathWatcher(IEnumerable<string> paths, Action onChange, Action<string> log, bool poll = false)
    {
        var polled = new List<string>();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            var (directory, name) = Directory.Exists(path)
                ? (path, null)
                : (Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path)), Path.GetFileName(Path.TrimEndingDirectorySeparator(path)));
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                log($"not watching {path}: neither it nor its directory exists");
                continue;
            }

            if (poll)
            {
                polled.Add(path);
                continue;
            }

            if (Inotify.Shared is not { } inotify)
            {
                Poll(path, Inotify.Failure);
                continue;
            }

            try
            {
                _watches.Add(inotify.Watch(directory, name, onChange));
            }
            catch (IOException e)
            {
                Poll(path, e.Message);
            }
        }

        if (polled.Count > 0)
        {
            _polling = new PollingWatch(polled, PollInterval, onChange);
        }

        void Poll(string path, string? why)
        {
            log($"cannot watch {path} through inotify, polling it every {PollInterval.TotalSeconds:F0} s instead: {why}");
            polled.Add(path);
        }
    }

    /// <summary>The paths checked by polling rather than inotify.</summary>
    public IReadOnlyList<string> PolledPaths => _polling?.Paths ?? [];

    /// <inheritdoc/>
    public void Dispose()
    {
        _polling?.Dispose();
        foreach (var watch in _watches)
        {
            watch.Dispose();
        }

        _watches.Clear();
    }
}
