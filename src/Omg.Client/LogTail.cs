namespace Omg.Client;

/// <summary>Reads the end of omgd's log for error messages, so a failed start explains itself.</summary>
internal static class LogTail
{
    /// <summary>The last <paramref name="lines"/> lines of <paramref name="path"/>, or null when it cannot be read.</summary>
    public static string? Read(string path, int lines = 20)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // Only the end matters; a long-running daemon's log can be large.
            const int Window = 16 * 1024;
            if (stream.Length > Window)
            {
                stream.Seek(-Window, SeekOrigin.End);
            }

            using var reader = new StreamReader(stream);
            string[] all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return all.Length == 0 ? null : string.Join(Environment.NewLine, all[Math.Max(0, all.Length - lines)..]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
