using System.IO.Compression;

namespace Omg.Audit.Sources;

/// <summary>
/// Reads a source from disk, whatever its shape: a Debian tracker JSON file, one OSV record or an array of
/// them, a directory of OSV <c>.json</c> files, or a <c>.zip</c> of them (OSV's per-ecosystem <c>all.zip</c>).
/// Gzip-compressed files are recognised by their magic bytes. All or nothing: any bad record refuses the source.
/// </summary>
public static class SourceReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">File or directory.</param>
    /// <param name="origin">How messages name the source (the path, or the URL it was downloaded from).</param>
    /// <param name="keepRelease">Tracker releases to keep; null keeps all.</param>
    /// <exception cref="AdvisoryImportException">The source cannot be read or is not valid.</exception>
    public static AdvisorySet Read(string path, string origin, Func<string, bool>? keepRelease = null)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return ReadDirectory(path, origin);
            }

            if (!File.Exists(path))
            {
                throw new AdvisoryImportException($"{origin}: no such file or directory");
            }

            byte[] data = File.ReadAllBytes(path);
            return ReadBytes(data, origin, keepRelease);
        }
        catch (IOException ex)
        {
            throw new AdvisoryImportException($"{origin}: cannot read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new AdvisoryImportException($"{origin}: cannot read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a source held in memory (a file's bytes).</summary>
    public static AdvisorySet ReadBytes(byte[] data, string origin, Func<string, bool>? keepRelease = null)
    {
        if (IsGzip(data))
        {
            data = Gunzip(data, origin);
        }

        if (IsZip(data))
        {
            return ReadZip(data, origin);
        }

        ReadOnlySpan<byte> json = data.AsSpan();
        if (json.StartsWith("\xEF\xBB\xBF"u8))
        {
            json = json[3..];
        }

        if (json.IsEmpty)
        {
            throw new AdvisoryImportException($"{origin}: the file is empty");
        }

        if (DebianTrackerReader.LooksLikeTracker(json))
        {
            return DebianTrackerReader.Read(json, origin, keepRelease);
        }

        var entries = new List<AffectedEntry>();
        IReadOnlyList<string> ids = OsvReader.Read(data.AsMemory(data.Length - json.Length), origin, entries);
        return Summarise(origin, entries, ids);
    }

    private static AdvisorySet ReadDirectory(string path, string origin)
    {
        var entries = new List<AffectedEntry>();
        var ids = new List<string>();
        string[] files = Directory.GetFiles(path, "*.json", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (string file in files)
        {
            ids.AddRange(OsvReader.Read(File.ReadAllBytes(file), $"{origin}: {Path.GetRelativePath(path, file)}", entries));
        }

        if (files.Length == 0)
        {
            throw new AdvisoryImportException($"{origin}: the directory holds no .json records");
        }

        return Summarise(origin, entries, ids);
    }

    private const long MaxInitialEntryBuffer = 16 << 20;

    private static AdvisorySet ReadZip(byte[] data, string origin)
    {
        var entries = new List<AffectedEntry>();
        var ids = new List<string>();
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                using Stream stream = entry.Open();
                // The declared length is the archive's word, not the entry's bytes: only a hint, capped, so a false one
                // neither overflows nor reserves gigabytes before anything is read.
                using var buffer = new MemoryStream((int)Math.Clamp(entry.Length, 0, MaxInitialEntryBuffer));
                stream.CopyTo(buffer);
                ids.AddRange(OsvReader.Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), $"{origin}: {entry.FullName}", entries));
            }
        }
        catch (InvalidDataException ex)
        {
            throw new AdvisoryImportException($"{origin}: not a valid zip archive ({ex.Message})", ex);
        }

        if (ids.Count == 0)
        {
            throw new AdvisoryImportException($"{origin}: the zip archive holds no OSV records");
        }

        return Summarise(origin, entries, ids);
    }

    private static AdvisorySet Summarise(string origin, List<AffectedEntry> entries, IReadOnlyList<string> ids)
    {
        int packages = entries.Select(e => (e.Ecosystem, e.Package)).Distinct().Count();
        return new AdvisorySet(origin, entries, ids.Distinct(StringComparer.Ordinal).Count(), packages);
    }

    private static bool IsGzip(byte[] data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;

    private static bool IsZip(byte[] data) => data.Length >= 4 && data[0] == (byte)'P' && data[1] == (byte)'K' && data[2] is 3 or 5 && data[3] is 4 or 6;

    private static byte[] Gunzip(byte[] data, string origin)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new AdvisoryImportException($"{origin}: corrupt gzip data ({ex.Message})", ex);
        }
    }
}
