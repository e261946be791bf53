using System.Runtime.CompilerServices;

namespace Omg.Packages.Debian;

/// <summary>
/// Keeps copies of short byte ranges together in shared chunks, so field values that records keep unparsed
/// cost a slice of a chunk rather than an array each. Not thread-safe: each build worker has its own.
/// </summary>
internal sealed class ByteArena
{
    private const int ChunkSize = 64 * 1024;
    private byte[] _chunk = [];
    private int _used;

    /// <summary>A copy of <paramref name="first"/>, a comma and <paramref name="second"/> (the comma only between two non-empty parts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlyMemory<byte> KeepJoined(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var comma = first.IsEmpty || second.IsEmpty ? 0 : 1;
        var length = first.Length + comma + second.Length;
        if (length == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (_chunk.Length - _used < length)
        {
            _chunk = new byte[Math.Max(ChunkSize, length)];
            _used = 0;
        }

        var target = _chunk.AsSpan(_used, length);
        first.CopyTo(target);
        if (comma == 1)
        {
            target[first.Length] = (byte)',';
        }

        second.CopyTo(target[(first.Length + comma)..]);
        var kept = new ReadOnlyMemory<byte>(_chunk, _used, length);
        _used += length;
        return kept;
    }
}
