using System.Runtime.InteropServices;

namespace Omg.Packages.Index;

/// <summary>
/// One inotify instance for the whole process, read by one thread. <see cref="FileSystemWatcher"/> opens an
/// instance and starts a thread per watched directory (17 of each in omgd, recreated on every rebuild), and
/// the per-user limit on instances is 128: a few omgd processes ran out. Here every directory is a watch of
/// the one instance; several registrations may share a directory (inotify gives it one watch descriptor).
/// </summary>
internal sealed unsafe partial class Inotify
{
    // What counts as a change of a directory's entries or of the directory itself.
    private const uint Mask = InModify | InAttrib | InCloseWrite | InMovedFrom | InMovedTo | InCreate | InDelete | InDeleteSelf | InMoveSelf | InOnlyDir;
    private const uint InModify = 0x2, InAttrib = 0x4, InCloseWrite = 0x8, InMovedFrom = 0x40, InMovedTo = 0x80, InCreate = 0x100, InDelete = 0x200;
    private const uint InDeleteSelf = 0x400, InMoveSelf = 0x800, InQueueOverflow = 0x4000, InIgnored = 0x8000, InOnlyDir = 0x01000000;
    private const int InNonBlock = 0x800, InCloseOnExec = 0x80000;
    private const short PollIn = 0x1;

    private static readonly Lock CreateGate = new();
    private static Inotify? _instance;

    private readonly int _fd;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<Registration>> _byDescriptor = [];

    private Inotify(int fd)
    {
        _fd = fd;
        new Thread(ReadEvents) { IsBackground = true, Name = "omg inotify" }.Start();
    }

    /// <summary>
    /// The process's instance; null when inotify is unavailable (the user is out of instances, say), so callers
    /// poll. Creation is tried again on the next call, since instances can become free.
    /// </summary>
    public static Inotify? Shared
    {
        get
        {
            lock (CreateGate)
            {
                return _instance ??= Create();
            }
        }
    }

    /// <summary>Why the instance could not be created, when <see cref="Shared"/> is null.</summary>
    public static string? Failure { get; private set; }

    /// <summary>
    /// Calls <paramref name="onChange"/> (from the reader thread) when an entry of <paramref name="directory"/>
    /// named <paramref name="name"/> (any entry when null) changes, or the directory itself is removed or moved.
    /// Throws <see cref="IOException"/> when the directory cannot be watched.
    /// </summary>
    public IDisposable Watch(string directory, string? name, Action onChange)
    {
        lock (_gate)
        {
            var descriptor = inotify_add_watch(_fd, directory, Mask);
            if (descriptor < 0)
            {
                throw new IOException($"inotify_add_watch {directory}: {Marshal.GetLastPInvokeErrorMessage()}");
            }

            if (!_byDescriptor.TryGetValue(descriptor, out var registrations))
            {
                _byDescriptor[descriptor] = registrations = [];
            }

            var registration = new Registration(this, descriptor, name, onChange);
            registrations.Add(registration);
            return registration;
        }
    }

    private static Inotify? Create()
    {
        var fd = inotify_init1(InNonBlock | InCloseOnExec);
        if (fd < 0)
        {
            Failure = Marshal.GetLastPInvokeErrorMessage();
            return null;
        }

        return new Inotify(fd);
    }

    private void Remove(Registration registration)
    {
        lock (_gate)
        {
            if (_byDescriptor.TryGetValue(registration.Descriptor, out var registrations) && registrations.Remove(registration) && registrations.Count == 0)
            {
                _byDescriptor.Remove(registration.Descriptor);

                // Fails harmlessly when the kernel already dropped the watch (directory removed).
                _ = inotify_rm_watch(_fd, registration.Descriptor);
            }
        }
    }

    private void ReadEvents()
    {
        var buffer = new byte[64 * 1024];
        var due = new List<Registration>();
        while (true)
        {
            // Only a bad descriptor or no kernel memory make poll fail for good; the descriptor is never closed.
            var request = new PollFd { Fd = _fd, Events = PollIn };
            if (Poll(&request, 1, -1) < 0 && Marshal.GetLastPInvokeError() != 4 /* EINTR */)
            {
                return;
            }

            nint read;
            fixed (byte* start = buffer)
            {
                read = ReadFrom(_fd, start, buffer.Length);
            }

            if (read <= 0)
            {
                continue;
            }

            due.Clear();
            lock (_gate)
            {
                Collect(buffer.AsSpan(0, (int)read), due);
            }

            foreach (var registration in due)
            {
                try
                {
                    registration.Notify();
                }
                catch (Exception)
                {
                    // A failing callback must not end the one thread every watch in the process depends on;
                    // the callbacks omgd passes only set flags.
                }
            }
        }
    }

    // Under the lock: the registrations each event concerns, each once per read.
    private void Collect(ReadOnlySpan<byte> events, List<Registration> due)
    {
        while (events.Length >= 16)
        {
            var descriptor = MemoryMarshal.Read<int>(events);
            var mask = MemoryMarshal.Read<uint>(events[4..]);
            var nameLength = (int)MemoryMarshal.Read<uint>(events[12..]);
            var nameBytes = events.Slice(16, Math.Min(nameLength, events.Length - 16));
            var terminator = nameBytes.IndexOf((byte)0);
            var name = terminator < 0 ? nameBytes : nameBytes[..terminator];
            events = events[Math.Min(events.Length, 16 + nameLength)..];

            if ((mask & InQueueOverflow) != 0)
            {
                // Events were lost: everyone rebuilds.
                foreach (var registration in _byDescriptor.Values.SelectMany(r => r))
                {
                    if (!due.Contains(registration))
                    {
                        due.Add(registration);
                    }
                }

                continue;
            }

            if (!_byDescriptor.TryGetValue(descriptor, out var concerned))
            {
                continue;
            }

            var self = (mask & (InDeleteSelf | InMoveSelf | InIgnored)) != 0;
            foreach (var registration in concerned)
            {
                if ((self || registration.Matches(name)) && !due.Contains(registration))
                {
                    due.Add(registration);
                }
            }

            if ((mask & InIgnored) != 0)
            {
                // The kernel dropped the watch (directory gone); its owners rebuild and watch again.
                _byDescriptor.Remove(descriptor);
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int inotify_init1(int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int inotify_add_watch(int fd, string path, uint mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int inotify_rm_watch(int fd, int descriptor);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadFrom(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>One caller's interest in one directory; disposing it ends the interest.</summary>
    private sealed class Registration(Inotify owner, int descriptor, string? name, Action onChange) : IDisposable
    {
        private readonly byte[]? _name = name is null ? null : System.Text.Encoding.UTF8.GetBytes(name);
        private int _disposed;

        public int Descriptor => descriptor;

        public bool Matches(ReadOnlySpan<byte> entry) => _name is null || entry.SequenceEqual(_name);

        public void Notify()
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                onChange();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
