using System.ComponentModel;
using System.Runtime.InteropServices;
using Omg.Modules.Requests;

namespace Omg.Modules.Process;

/// <summary>
/// Starts a module with posix_spawn(3) as the leader of a session (and so a process group) of its own, its stdio on
/// three fresh pipes. .NET's Process cannot set a child's process group, and going through setsid(1) to get one
/// costs a second exec on every call, about as much as a small module's whole run (docs/benchmarks.md, modules);
/// glibc's posix_spawn does it in the one vfork-style spawn. Signals the child would inherit from omgd (the runtime
/// ignores SIGPIPE) are reset to their defaults and none is blocked, as a shell would start it.
/// </summary>
internal static unsafe partial class PosixSpawn
{
    private const int OCloexec = 0x80000;
    private const short SpawnSetSigDef = 0x04;
    private const short SpawnSetSigMask = 0x08;
    private const short SpawnSetSid = 0x80;

    // glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336 and sigset_t 128 on 64-bit Linux; the
    // buffers are larger so that no layout detail of another libc build can overrun them.
    private const int OpaqueSize = 1024;

    /// <summary>Starts <paramref name="argv"/> (its first element the program: a path, or a name looked up on the PATH in <paramref name="environment"/>).</summary>
    /// <param name="argv">The program and its arguments.</param>
    /// <param name="workingDirectory">The directory it starts in.</param>
    /// <param name="environment">Its whole environment.</param>
    /// <exception cref="Win32Exception">The program could not be started (not found, not executable, not a valid executable).</exception>
    public static SpawnedModule Start(IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentOutOfRangeException.ThrowIfZero(argv.Count);
        string program = Resolve(argv[0], environment.GetValueOrDefault("PATH"));
        int* input = stackalloc int[2];
        int* output = stackalloc int[2];
        int* errors = stackalloc int[2];
        input[0] = input[1] = output[0] = output[1] = errors[0] = errors[1] = -1;
        void* actions = null;
        void* attributes = null;
        void* signals = null;
        nint[] strings = [];
        bool started = false;
        try
        {
            OpenPipe(input);
            OpenPipe(output);
            OpenPipe(errors);

            actions = NativeMemory.AllocZeroed(OpaqueSize);
            attributes = NativeMemory.AllocZeroed(OpaqueSize);
            signals = NativeMemory.AllocZeroed(OpaqueSize);
            Check(FileActionsInit(actions));
            Check(AddDup2(actions, input[0], 0));
            Check(AddDup2(actions, output[1], 1));
            Check(AddDup2(actions, errors[1], 2));
            Check(AddChdir(actions, workingDirectory));
            Check(AttrInit(attributes));
            Check(AttrSetFlags(attributes, SpawnSetSid | SpawnSetSigDef | SpawnSetSigMask));
            _ = SigFillSet(signals);
            Check(AttrSetSigDefault(attributes, signals));
            _ = SigEmptySet(signals);
            Check(AttrSetSigMask(attributes, signals));

            strings = [.. argv.Select(Marshal.StringToCoTaskMemUTF8), .. environment.Select(e => Marshal.StringToCoTaskMemUTF8(e.Key + "=" + e.Value))];
            nint* vectors = stackalloc nint[strings.Length + 2];
            nint* argvNative = vectors;
            nint* envNative = vectors + argv.Count + 1;
            for (int i = 0; i < argv.Count; i++)
            {
                argvNative[i] = strings[i];
            }

            argvNative[argv.Count] = 0;
            for (int i = 0; i < environment.Count; i++)
            {
                envNative[i] = strings[argv.Count + i];
            }

            envNative[environment.Count] = 0;

            int pid;
            int error = Spawn(&pid, program, actions, attributes, argvNative, envNative);
            if (error != 0)
            {
                throw new Win32Exception(error, $"{argv[0]}: {Marshal.GetPInvokeErrorMessage(error)}");
            }

            started = true;
            return new SpawnedModule(pid, input[1], output[0], errors[0]);
        }
        finally
        {
            if (actions is not null)
            {
                _ = FileActionsDestroy(actions);
                NativeMemory.Free(actions);
            }

            if (attributes is not null)
            {
                _ = AttrDestroy(attributes);
                NativeMemory.Free(attributes);
            }

            NativeMemory.Free(signals);
            foreach (nint s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }

            // The child's ends belong to the child now (or to nobody); omgd keeps its own ends only when it started.
            CloseIfOpen(input[0]);
            CloseIfOpen(output[1]);
            CloseIfOpen(errors[1]);
            if (!started)
            {
                CloseIfOpen(input[1]);
                CloseIfOpen(output[0]);
                CloseIfOpen(errors[0]);
            }
        }
    }

    /// <summary>The program to exec: a name with a slash as it is, else the first executable of that name on <paramref name="path"/>.</summary>
    /// <remarks>Not found, the name goes to posix_spawn as given, which fails with ENOENT naming it.</remarks>
    internal static string Resolve(string program, string? path) =>
        program.Contains('/', StringComparison.Ordinal) ? program : HostExecutables.Find(program, [], path ?? "/usr/local/bin:/usr/bin:/bin") ?? program;

    private static void OpenPipe(int* ends)
    {
        // Close-on-exec on both ends: a module spawned at the same time by another call must not inherit them (it
        // would hold this module's pipes open); the dup2 into 0, 1 and 2 clears the flag on the child's copies only.
        if (Pipe2(ends, OCloexec) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            throw new Win32Exception(error, $"pipe: {Marshal.GetPInvokeErrorMessage(error)}");
        }
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, $"posix_spawn setup: {Marshal.GetPInvokeErrorMessage(error)}");
        }
    }

    private static void CloseIfOpen(int fd)
    {
        if (fd >= 0)
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Spawn(int* pid, string path, void* fileActions, void* attributes, nint* argv, nint* envp);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int AddDup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int AddChdir(void* actions, string path);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int AttrInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int AttrDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int AttrSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int AttrSetSigDefault(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int AttrSetSigMask(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    private static partial int SigFillSet(void* set);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static partial int SigEmptySet(void* set);
}
