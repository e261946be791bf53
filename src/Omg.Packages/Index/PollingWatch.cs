namespace Omg.Packages.Index;

/// <summary>
/// Notices changes to paths by comparing what <c>stat</c> says about them every interval: the fallback for
/// paths that cannot be watched through inotify, whose instances are limited per user (128 by default) and
/// can run out on a busy machine. A file is its length and write time; a directory is its own write time plus
/// those of its entries, so an entry added, removed, renamed over or rewritten in place all count. A missing
/// path is a state too, so its creation is noticed.
/// </summary>
internal sealed class PollingWatch : IDisposable
{
    private readonly string[] _paths;
    private readonly Action _onChange;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private int _fingerprint;

    /// <summary>Starts polling <paramref name="paths"/>; the state at this moment is the baseline.</summary>
    public PollingWatch(IReadOnlyCollection<string> paths, TimeSpan interval, Action onChange)
    {
        _paths = [.. paths];
        _onChange = onChange;
        _fingerprint = Fingerprint(_paths);
        _timer = new Timer(_ => Poll(), null, interval, interval);
    }

    /// <summary>The paths being polled.</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();

    private void Poll()
    {
        // A slow poll (a huge directory, a stalled disk) must not overlap the next one.
        if (!_gate.TryEnter())
        {
            return;
        }

        try
        {
            var now = Fingerprint(_paths);
            if (now != _fingerprint)
            {
                _fingerprint = now;
                _onChange();
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    private static int Fingerprint(string[] paths)
    {
        var hash = new HashCode();
        foreach (var path in paths)
        {
            hash.Add(path, StringComparer.Ordinal);
            try
            {
                var directory = new DirectoryInfo(path);
                if (directory.Exists)
                {
                    hash.Add(directory.LastWriteTimeUtc.Ticks);
                    foreach (var entry in directory.EnumerateFileSystemInfos())
                    {
                        hash.Add(entry.Name, StringComparer.Ordinal);
                        hash.Add(entry.LastWriteTimeUtc.Ticks);
                        hash.Add(entry is FileInfo file ? file.Length : -1);
                    }

                    continue;
                }

                var info = new FileInfo(path);
                hash.Add(info.Exists ? info.Length : -2);
                hash.Add(info.Exists ? info.LastWriteTimeUtc.Ticks : 0);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable now is a state of its own; becoming readable again is a change.
                hash.Add(-3);
            }
        }

        return hash.ToHashCode();
    }
}
