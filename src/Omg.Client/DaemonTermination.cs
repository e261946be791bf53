using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Omg.Client;

/// <summary>
/// Stops omgd politely: SIGTERM (never SIGKILL, which would leave its socket behind and cut requests in
/// flight), then waits until the socket is gone. Shared by <c>omg daemon stop</c> and <c>Stop-OmgDaemon</c>.
/// </summary>
public static partial class DaemonTermination
{
    private const int SigTerm = 15;
    private const int EPerm = 1;

    /// <summary>How long a stop waits for the socket to go, when the caller does not say.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends SIGTERM to omgd's <paramref name="pid"/> and waits until <paramref name="socketPath"/> is gone
    /// (or the process is, should it exit without removing the socket).</summary>
    /// <exception cref="InvalidDataException">The pid must not be signalled (0, 1, negative, or this process).</exception>
    /// <exception cref="OmgDaemonUnavailableException">The signal could not be sent.</exception>
    /// <exception cref="TimeoutException">omgd did not stop within <paramref name="timeout"/>.</exception>
    public static async Task TerminateAsync(string socketPath, ulong pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // kill(0) or kill(-1) would signal a whole process group or every process of ours; a pid like that,
        // or our own, can only come from a broken or fake daemon.
        if (pid <= 1 || pid > int.MaxValue || (int)pid == Environment.ProcessId)
        {
            throw new InvalidDataException($"omgd on {socketPath} reported pid {pid}, which will not be signalled");
        }

        int target = (int)pid;
        if (Kill(target, SigTerm) != 0)
        {
            throw new OmgDaemonUnavailableException(socketPath, $"cannot signal omgd (pid {pid}): errno {Marshal.GetLastPInvokeError()}");
        }

        var clock = Stopwatch.StartNew();
        while (File.Exists(socketPath) && IsAlive(target))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"omgd (pid {pid}) got SIGTERM but its socket {socketPath} is still there after {timeout.TotalSeconds} s");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    // Signal 0 checks for the process without sending anything; EPERM means it exists but is not ours.
    private static bool IsAlive(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == EPerm;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
