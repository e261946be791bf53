using System.Runtime.InteropServices;

namespace Omg.Modules.Process;

/// <summary>
/// Kills a module's whole process group: a module is started as the leader of a group of its own (see
/// <see cref="PosixSpawn"/>), so killing the group reaches what the module forked even after the module itself exited
/// and its children were re-parented, which walking the process tree from the module (Process.Kill(true)) cannot.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    /// <summary>Kills every process in the group led by <paramref name="leader"/>; a group already gone is not an error.</summary>
    public static void Kill(int leader) => _ = KillNative(-leader, SigKill);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);
}
