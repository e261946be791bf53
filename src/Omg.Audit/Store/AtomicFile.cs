namespace Omg.Audit.Store;

/// <summary>
/// Replaces files so that a crash at any moment leaves either the old or the new content, never a mix:
/// write a temporary file beside the target, fsync it, rename it over the target, fsync the directory.
/// </summary>
public static class AtomicFile
{
    /// <summary>A fresh temporary path beside <paramref name="target"/> (same directory, so the rename stays atomic).</summary>
    public static string TempPathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>Writes <paramref name="content"/> to <paramref name="target"/> atomically.</summary>
    public static void Write(string target, ReadOnlySpan<byte> content)
    {
        string temp = TempPathFor(target);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            Commit(temp, target);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Moves an already written <paramref name="temp"/> file over <paramref name="target"/>: fsync, rename, fsync the directory.</summary>
    public static void Commit(string temp, string target)
    {
        using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1))
        {
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, target, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(target))!);
    }
}
