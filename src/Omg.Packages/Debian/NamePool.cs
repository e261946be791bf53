using System.Runtime.CompilerServices;
using System.Text;

namespace Omg.Packages.Debian;

/// <summary>
/// Turns names and versions read from index buffers into shared strings: the same package name appears in
/// status, several lists and many Depends fields, and one string per name is enough. Lookups go straight
/// from UTF-8 bytes, so a name seen before costs a hash and a compare, no decoding. Not thread-safe.
/// </summary>
internal sealed class NamePool
{
    private readonly HashSet<string> _strings;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<byte>> _bytes;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _chars;

    /// <summary>Creates an empty pool sized for about <paramref name="capacity"/> strings.</summary>
    public NamePool(int capacity = 0)
    {
        _strings = new HashSet<string>(capacity, Utf8Comparer.Instance);
        _bytes = _strings.GetAlternateLookup<ReadOnlySpan<byte>>();
        _chars = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // Called per token/record through a cold daemon's first build: compiled optimized at once, since the
    // build would otherwise run mostly tier-0 code (measured: 14 % less build CPU, docs/benchmarks.md).
    /// <summary>The shared string for <paramref name="bytes"/> (decoded as UTF-8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (_bytes.TryGetValue(bytes, out var existing))
        {
            return existing;
        }

        var created = Encoding.UTF8.GetString(bytes);
        _strings.Add(created);
        return created;
    }

    /// <summary>The shared string for <paramref name="chars"/>.</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        if (_chars.TryGetValue(chars, out var existing))
        {
            return existing;
        }

        var created = chars.ToString();
        _strings.Add(created);
        return created;
    }

    /// <summary>
    /// Ordinal string equality whose hash is computed over UTF-8 bytes, so byte spans, char spans and strings
    /// with the same text meet in one set. Deterministic hashing is fine here: input is the machine's own lists.
    /// </summary>
    private sealed class Utf8Comparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<byte>, string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
    {
        public static readonly Utf8Comparer Instance = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => GetHashCode(obj.AsSpan());

        // Hot in the cold build; see the note on Get.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Equals(ReadOnlySpan<byte> alternate, string other) =>
            Ascii.IsValid(alternate) ? Ascii.Equals(alternate, other) : Encoding.UTF8.GetString(alternate) == other;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = 2166136261u;
            foreach (var b in alternate)
            {
                hash = (hash ^ b) * 16777619u;
            }

            return (int)hash;
        }

        public string Create(ReadOnlySpan<byte> alternate) => Encoding.UTF8.GetString(alternate);

        public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int GetHashCode(ReadOnlySpan<char> alternate)
        {
            // Same FNV-1a over the UTF-8 encoding of the text, without allocating for short names.
            if (Ascii.IsValid(alternate))
            {
                var hash = 2166136261u;
                foreach (var c in alternate)
                {
                    hash = (hash ^ c) * 16777619u;
                }

                return (int)hash;
            }

            return GetHashCode(Encoding.UTF8.GetBytes(alternate.ToArray()));
        }

        public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();
    }
}
