using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Omg.Modules.Process;

/// <summary>
/// A module started by <see cref="PosixSpawn"/>: its pid (also its process group's id), omgd's ends of its three
/// pipes, and its exit. The pipes are PipeStreams, whose reads and writes wait on epoll like a socket's (as .NET's
/// own Process does), not on a blocked thread. The exit is waited for by waitpid(2) on a thread of its own: the
/// runtime reaps only the children it started itself, so this child is left for us to reap.
/// </summary>
internal sealed partial class SpawnedModule : IDisposable
{
    private const int EIntr = 4;
    private const int PPid = 1;
    private const int WExited = 4;
    private const int WNoWait = 0x01000000;
    private const int SigInfoSize = 128;

    internal SpawnedModule(int pid, int stdin, int stdout, int stderr)
    {
        Pid = pid;
        Stdin = new AnonymousPipeClientStream(PipeDirection.Out, new SafePipeHandle(stdin, ownsHandle: true));
        Stdout = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stdout, ownsHandle: true));
        Stderr = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stderr, ownsHandle: true));
        Exited = Task.Factory.StartNew(() => WaitForExit(pid), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The module's pid, and the id of the process group it leads.</summary>
    public int Pid { get; }

    /// <summary>The module's stdin.</summary>
    public Stream Stdin { get; }

    /// <summary>The module's stdout.</summary>
    public Stream Stdout { get; }

    /// <summary>The module's stderr.</summary>
    public Stream Stderr { get; }

    /// <summary>Completes with the exit code when the module exits; a death by signal N is 128 + N, as a shell reports it.</summary>
    public Task<int> Exited { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Stdin.Dispose();
        Stdout.Dispose();
        Stderr.Dispose();
    }

    private static unsafe int WaitForExit(int pid)
    {
        // Waited for without reaping first, so that the group is killed while its leader is a zombie: the group's id
        // cannot be reused until then, so the kill cannot reach another process that got the number since. Whatever
        // the module left running in its group goes with it: it would hold the output pipes open.
        byte* info = stackalloc byte[SigInfoSize];
        while (WaitId(PPid, pid, info, WExited | WNoWait) < 0 && Marshal.GetLastPInvokeError() == EIntr)
        {
        }

        ProcessGroup.Kill(pid);
        int status;
        while (WaitPid(pid, out status, 0) < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error != EIntr)
            {
                // ECHILD: reaped by someone else (a SIGCHLD set to SIG_IGN in this process); the code is lost.
                return 128 + 9;
            }
        }

        // The wait status: the exit code in bits 8-15 when bits 0-6 are 0, else the signal in bits 0-6.
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    private static unsafe partial int WaitId(int idType, int id, byte* info, int options);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, out int status, int options);
}
