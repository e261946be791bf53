using System.Text;

namespace Omg.Packages.Debian;

/// <summary>
/// Turns ASCII names and versions read from index buffers into shared strings: the same package name
/// appears in status, several lists and many Depends fields, and one string per name is enough.
/// </summary>
internal sealed class NamePool
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty pool.</summary>
    public NamePool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared string for <paramref name="bytes"/> (decoded as UTF-8).</summary>
    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.Length > 256)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        Span<char> chars = stackalloc char[bytes.Length];
        var count = Encoding.UTF8.GetChars(bytes, chars);
        return Get(chars[..count]);
    }

    /// <summary>The shared string for <paramref name="chars"/>.</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        if (_lookup.TryGetValue(chars, out var existing))
        {
            return existing;
        }

        var created = chars.ToString();
        _strings.Add(created);
        return created;
    }
}
