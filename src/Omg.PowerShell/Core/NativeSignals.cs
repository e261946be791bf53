using System.Runtime.InteropServices;

namespace Omg.PowerShell;

/// <summary>
/// kill(2). <c>Process.Kill</c> only sends SIGKILL, which would leave omgd no chance to remove its socket
/// and finish requests in flight; stopping it politely needs SIGTERM.
/// </summary>
internal static partial class NativeSignals
{
    private const int SigTerm = 15;
    private const int EPerm = 1;

    /// <summary>Sends SIGTERM; 0 or the errno.</summary>
    public static int Terminate(int pid) => Kill(pid, SigTerm) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>True while <paramref name="pid"/> exists (signal 0 probes without sending anything).</summary>
    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == EPerm;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
