namespace Omg.Packages.Index;

/// <summary>
/// Watches a source's paths and reports any change. A directory is watched itself; a file is watched
/// through its parent directory filtered by its name, which also catches the write-to-temp-then-rename
/// dpkg and apt use. A missing path is watched through its parent so its creation is noticed; a path
/// whose parent is missing too is skipped. Watchers are recreated after every load of the source.
/// </summary>
internal sealed class PathWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];

    public PathWatcher(IEnumerable<string> paths, Action onChange, Action<string> log)
    {
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            var (directory, filter) = Directory.Exists(path)
                ? (path, "*")
                : (Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path)), Path.GetFileName(Path.TrimEndingDirectorySeparator(path)));
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                log($"not watching {path}: neither it nor its directory exists");
                continue;
            }

            try
            {
                var watcher = new FileSystemWatcher(directory, filter)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
                        | NotifyFilters.Size | NotifyFilters.CreationTime,
                    IncludeSubdirectories = false,
                };
                watcher.Changed += (_, _) => onChange();
                watcher.Created += (_, _) => onChange();
                watcher.Deleted += (_, _) => onChange();
                watcher.Renamed += (_, _) => onChange();
                // An overflowed event queue means changes were lost: rebuild to be safe.
                watcher.Error += (_, e) =>
                {
                    log($"watcher on {directory} failed: {e.GetException().Message}");
                    onChange();
                };
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                log($"cannot watch {path}: {e.Message}");
            }
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _watchers.Clear();
    }
}
