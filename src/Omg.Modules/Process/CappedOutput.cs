namespace Omg.Modules.Process;

/// <summary>
/// Reads one of a module's output pipes to its end, keeping at most a cap of it. The bytes are read straight into
/// chunks that are kept as they are (no growing buffer that copies itself on every doubling), and joined once at the
/// end. Past the cap the rest is drained through one reused chunk, so a module writing without end costs the cap plus
/// a chunk, never more; what was kept is dropped (stdout: an answer cut short is of no use) or kept up to the cap
/// (stderr: its head goes to the log).
/// </summary>
internal sealed class CappedOutput
{
    private const int FirstChunk = 4 * 1024;
    private const int LargestChunk = 64 * 1024;

    private readonly int _cap;
    private readonly Action _onOver;
    private readonly bool _keepHead;
    private List<byte[]> _chunks = [];
    private int _length;

    private CappedOutput(int cap, bool keepHead, Action onOver)
    {
        _cap = cap;
        _keepHead = keepHead;
        _onOver = onOver;
    }

    /// <summary>Whether the pipe carried more than the cap.</summary>
    public bool Over { get; private set; }

    /// <summary>
    /// Drains <paramref name="stream"/>, calling <paramref name="onOver"/> once when it passes <paramref name="cap"/> bytes;
    /// <paramref name="keepHead"/> keeps the first <paramref name="cap"/> bytes then, instead of nothing.
    /// </summary>
    public static async Task<CappedOutput> DrainAsync(Stream stream, int cap, bool keepHead, Action onOver)
    {
        var output = new CappedOutput(cap, keepHead, onOver);
        await output.ReadAsync(stream).ConfigureAwait(false);
        return output;
    }

    /// <summary>What was kept, in one array: all of it when under the cap; when over, the first cap bytes or nothing.</summary>
    public byte[] ToArray()
    {
        if (_chunks.Count == 1 && _chunks[0].Length == _length)
        {
            return _chunks[0];
        }

        byte[] all = new byte[_length];
        int at = 0;
        foreach (byte[] chunk in _chunks)
        {
            int take = Math.Min(chunk.Length, _length - at);
            chunk.AsSpan(0, take).CopyTo(all.AsSpan(at));
            at += take;
        }

        return all;
    }

    private async Task ReadAsync(Stream stream)
    {
        // Chunks grow from 4 KiB, so the usual small answer costs little, up to 64 KiB; the last one is never more
        // than one byte past the cap, which is how a module that stops exactly at the cap is told from one that does not.
        byte[] chunk = new byte[Math.Min(FirstChunk, _cap + 1)];
        int filled = 0;
        while (true)
        {
            int read = await stream.ReadAsync(chunk.AsMemory(filled)).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (Over)
            {
                continue;
            }

            filled += read;
            _length += read;
            if (_length > _cap)
            {
                // Over the cap: nothing kept is of use any more. The chunk in hand drains the rest, so the module is
                // never blocked on a full pipe while it is being killed.
                Over = true;
                if (_keepHead)
                {
                    _chunks.Add(chunk);
                    _length = _cap;
                    chunk = new byte[LargestChunk];
                }
                else
                {
                    _chunks = [];
                    _length = 0;
                    if (chunk.Length < LargestChunk)
                    {
                        chunk = new byte[LargestChunk];
                    }
                }

                filled = 0;

                _onOver();
                continue;
            }

            if (filled == chunk.Length)
            {
                _chunks.Add(chunk);
                chunk = new byte[Math.Min(Math.Min(chunk.Length * 2, LargestChunk), _cap - _length + 1)];
                filled = 0;
            }
        }

        if (!Over && filled > 0)
        {
            _chunks.Add(chunk);
        }
    }
}
