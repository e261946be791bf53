using System.Buffers;
using System.Text;

namespace Omg.Packages.Runtimes;

/// <summary>
/// Read-only access to a filesystem tree mounted at a root (like <c>dpkg --root</c>): every path
/// given and returned is as seen inside the root, and symbolic links are resolved inside it too,
/// so an absolute link target in a chroot does not escape to the host. Errors read as absence.
/// </summary>
internal sealed class FileSystemView
{
    private const int MaxLinkHops = 40;

    public FileSystemView(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (Root.Length == 0)
        {
            Root = "/";
        }
    }

    /// <summary>The host path of the root.</summary>
    public string Root { get; }

    /// <summary>The host path of an in-root path.</summary>
    public string Map(string path) => Root == "/" ? path : Root + path;

    public bool FileExists(string path) => File.Exists(Map(path));

    public bool DirectoryExists(string path) => Directory.Exists(Map(path));

    /// <summary>True when the last component of <paramref name="path"/> is a symbolic link.</summary>
    public bool IsLink(string path)
    {
        try
        {
            return new FileInfo(Map(path)).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Subdirectories (in-root paths), ordinal order; empty when unreadable.</summary>
    public IReadOnlyList<string> Directories(string path, string pattern = "*") => List(path, pattern, true);

    /// <summary>Files (in-root paths), ordinal order; empty when unreadable.</summary>
    public IReadOnlyList<string> Files(string path, string pattern = "*") => List(path, pattern, false);

    private string[] List(string path, string pattern, bool directories)
    {
        try
        {
            var host = Map(path);
            var found = directories ? Directory.GetDirectories(host, pattern) : Directory.GetFiles(host, pattern);
            var inRoot = Array.ConvertAll(found, f => Path.Join(path, Path.GetFileName(f)));
            Array.Sort(inRoot, StringComparer.Ordinal);
            return inRoot;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The bytes of a file, or null when it cannot be read.</summary>
    public byte[]? ReadBytes(string path) => Read(path, File.ReadAllBytes);

    /// <summary>The text of a file, or null when it cannot be read.</summary>
    public string? ReadText(string path) => Read(path, File.ReadAllText);

    /// <summary>
    /// The text of a file up to and including the line before its first blank line (all of it when there is
    /// none), or null when it cannot be read. For RFC 822 style headers: a Python distribution's METADATA
    /// often carries a whole README after them, which would be read and decoded for nothing.
    /// </summary>
    public string? ReadHeader(string path) => Read(path, ReadUpToBlankLine);

    private static string ReadUpToBlankLine(string hostPath)
    {
        using var handle = File.OpenHandle(hostPath);
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                // The new bytes are searched from two before them, so a blank line split across reads is found.
                var searchFrom = Math.Max(0, length - 2);
                var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (BlankLineStart(buffer.AsSpan(searchFrom, length - searchFrom), searchFrom == 0) is var at and >= 0)
                {
                    length = searchFrom + at;
                    break;
                }
            }

            var text = buffer.AsSpan(0, length);
            return Encoding.UTF8.GetString(text.StartsWith(Utf8Bom) ? text[Utf8Bom.Length..] : text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // Where the text before the first blank line ends (after its last line's newline), or -1.
    private static int BlankLineStart(ReadOnlySpan<byte> bytes, bool atFileStart)
    {
        if (atFileStart && (bytes.StartsWith("\n"u8) || bytes.StartsWith("\r\n"u8)))
        {
            return 0;
        }

        var lf = bytes.IndexOf("\n\n"u8);
        var crlf = bytes.IndexOf("\n\r\n"u8);
        var at = lf < 0 ? crlf : crlf < 0 ? lf : Math.Min(lf, crlf);
        return at < 0 ? -1 : at + 1;
    }

    private T? Read<T>(string path, Func<string, T> read)
        where T : class
    {
        try
        {
            return read(Map(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The canonical in-root path of <paramref name="path"/>: every component's links followed
    /// (relative to the link's directory, absolute ones from the root), <c>.</c> and <c>..</c> folded.
    /// </summary>
    public string Resolve(string path)
    {
        var pending = new List<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var current = "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending[0];
            pending.RemoveAt(0);
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = current == "/" ? "/" + part : current + "/" + part;
            var target = LinkTarget(next);
            if (target is null || ++hops > MaxLinkHops)
            {
                current = next;
                continue;
            }

            if (target.StartsWith('/'))
            {
                current = "/";
            }

            pending.InsertRange(0, target.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }

        return current;
    }

    private string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(Map(path)).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
