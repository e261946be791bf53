using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Omg.Audit.Store;

/// <summary>
/// The imported sources on disk: per source a data file (the source's bytes exactly as imported; a
/// directory source packed as a zip) and a JSON sidecar. Both are replaced atomically, data first, so a
/// crash keeps the last committed import of every source.
/// </summary>
public sealed class AdvisoryStore
{
    private const string DataSuffix = ".data";
    private const string MetaSuffix = ".meta.json";

    /// <summary>Creates the store over <paramref name="directory"/> (created on first write).</summary>
    public AdvisoryStore(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The store's directory.</summary>
    public string Directory { get; }

    /// <summary>The sidecar of <paramref name="origin"/>'s last import, null when it was never imported (or the sidecar is unreadable).</summary>
    public StoredSource? Find(string origin)
    {
        string meta = PathOf(origin, MetaSuffix);
        try
        {
            return File.Exists(meta) ? StoredSource.Parse(File.ReadAllBytes(meta)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A temporary file in the store's directory to stage <paramref name="origin"/>'s new data in.</summary>
    public string StagingPath(string origin)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return AtomicFile.TempPathFor(PathOf(origin, DataSuffix));
    }

    /// <summary>Copies a file or packs a directory source into a staging file.</summary>
    public string Stage(string origin, string path)
    {
        string staging = StagingPath(origin);
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                using var zip = ZipFile.Open(staging, ZipArchiveMode.Create);
                foreach (string file in System.IO.Directory.GetFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    zip.CreateEntryFromFile(file, Path.GetRelativePath(path, file), CompressionLevel.Fastest);
                }
            }
            else
            {
                File.Copy(path, staging);
            }

            return staging;
        }
        catch
        {
            File.Delete(staging);
            throw;
        }
    }

    /// <summary>Makes a staged, already validated file the source's data, then writes its sidecar.</summary>
    public void Commit(string staging, StoredSource source)
    {
        AtomicFile.Commit(staging, PathOf(source.Origin, DataSuffix));
        AtomicFile.Write(PathOf(source.Origin, MetaSuffix), source.ToJson());
    }

    /// <summary>Refreshes only the sidecar (a 304 answer: same data, maybe new validators).</summary>
    public void Touch(StoredSource source) => AtomicFile.Write(PathOf(source.Origin, MetaSuffix), source.ToJson());

    /// <summary>Every stored source: its sidecar (null when missing or unreadable) and the data file.</summary>
    public IReadOnlyList<(StoredSource? Source, string DataPath)> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var list = new List<(StoredSource?, string)>();
        foreach (string data in System.IO.Directory.GetFiles(Directory, "*" + DataSuffix).Order(StringComparer.Ordinal))
        {
            string meta = data[..^DataSuffix.Length] + MetaSuffix;
            StoredSource? source = null;
            try
            {
                source = File.Exists(meta) ? StoredSource.Parse(File.ReadAllBytes(meta)) : null;
            }
            catch (IOException)
            {
                // A sidecar that cannot be read only loses the validators; the data still serves.
            }

            list.Add((source, data));
        }

        return list;
    }

    /// <summary>Removes leftovers of imports that a crash interrupted.</summary>
    public void RemoveStaleStaging()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        foreach (string temp in System.IO.Directory.GetFiles(Directory, ".*.tmp"))
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Another omgd may be writing it; it is only a leftover otherwise.
            }
        }
    }

    // A readable name plus a hash of the whole origin: two sources never share files, and a name shows which is which.
    private string PathOf(string origin, string suffix)
    {
        string trimmed = origin.TrimEnd('/');
        string name = Path.GetFileName(trimmed);
        var readable = new StringBuilder();
        foreach (char c in name)
        {
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
            if (readable.Length >= 40)
            {
                break;
            }
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin)))[..16];
        return Path.Combine(Directory, $"{readable}-{hash}{suffix}");
    }
}
