using System.Collections.Concurrent;

namespace Omg.Daemon.Limits;

/// <summary>Open connections per client process (pid from SO_PEERCRED), for Limits:MaxConnectionsPerProcess.</summary>
internal sealed class ProcessConnectionCounts
{
    private readonly ConcurrentDictionary<int, int> _open = new();

    /// <summary>Counts one more connection for <paramref name="pid"/> unless it already holds <paramref name="limit"/>.</summary>
    public bool TryOpen(int pid, int limit)
    {
        while (true)
        {
            int current = _open.GetOrAdd(pid, 0);
            if (current >= limit)
            {
                return false;
            }

            if (_open.TryUpdate(pid, current + 1, current))
            {
                return true;
            }
        }
    }

    /// <summary>Counts one connection of <paramref name="pid"/> closed; a process with none left is forgotten.</summary>
    public void Close(int pid)
    {
        while (_open.TryGetValue(pid, out int current))
        {
            if (current <= 1 ? _open.TryRemove(new KeyValuePair<int, int>(pid, current)) : _open.TryUpdate(pid, current - 1, current))
            {
                return;
            }
        }
    }

    /// <summary>Connections <paramref name="pid"/> holds now.</summary>
    public int OpenBy(int pid) => _open.TryGetValue(pid, out int count) ? count : 0;
}
