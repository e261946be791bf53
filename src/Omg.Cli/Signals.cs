using System.Runtime.InteropServices;

namespace Omg.Cli;

/// <summary>
/// Sends signals. <c>Process.Kill</c> only sends SIGKILL, which would give omgd no chance to remove its
/// socket and finish requests in flight; stopping it politely needs SIGTERM.
/// </summary>
internal static partial class Signals
{
    private const int SigTerm = 15;
    private const int EPerm = 1;

    /// <summary>Sends SIGTERM to <paramref name="pid"/>.</summary>
    /// <returns>0, or the errno (ESRCH 3: no such process; EPERM 1: not ours).</returns>
    public static int Terminate(int pid) => Kill(pid, SigTerm) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>True while <paramref name="pid"/> exists (signal 0 checks without sending anything).</summary>
    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == EPerm;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
