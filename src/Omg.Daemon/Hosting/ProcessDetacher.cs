using Omg.Daemon.Native;

namespace Omg.Daemon.Hosting;

/// <summary>
/// What <c>--detach</c> and <c>--log-file</c> do before anything else runs: leave the starter's session,
/// so a Ctrl+C in the terminal that auto-started omgd does not reach it, and send stdout/stderr (where the
/// console logger writes) to a private log file.
/// </summary>
internal static class ProcessDetacher
{
    /// <summary>Starts a new session; harmless when the process already leads one.</summary>
    public static void Detach() => LibC.SetSid();

    /// <summary>Points stdin at /dev/null and stdout/stderr at <paramref name="logFile"/> (appending, mode 0600).</summary>
    /// <exception cref="IOException">The log file cannot be opened.</exception>
    public static void RedirectOutput(string logFile)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(logFile));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        int log = LibC.Open(logFile, LibC.OWrOnly | LibC.OCreat | LibC.OAppend | LibC.OCloExec, 0b110_000_000);
        if (log < 0)
        {
            throw new IOException($"cannot open log file {logFile} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        }

        int devNull = LibC.Open("/dev/null", LibC.ORdWr | LibC.OCloExec, 0);
        if (devNull >= 0)
        {
            LibC.Dup2(devNull, 0);
            LibC.Close(devNull);
        }

        LibC.Dup2(log, 1);
        LibC.Dup2(log, 2);
        LibC.Close(log);
    }
}
