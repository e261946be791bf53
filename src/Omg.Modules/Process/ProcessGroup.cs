using System.Runtime.InteropServices;

namespace Omg.Modules.Process;

/// <summary>
/// Runs a module as the leader of a process group of its own and kills the whole group. .NET's Process cannot set a
/// child's process group, so the module is started through util-linux's <c>setsid</c> (an essential package on
/// Debian), which calls setsid(2) and execs the module in the same process: the pid .NET sees is the group's id.
/// Killing the group reaches what the module forked even after the module itself exited and its children were
/// re-parented, which walking the process tree from the module (Process.Kill(true)) cannot.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>Whether modules get a group of their own here; without setsid, the process tree is killed instead.</summary>
    public static bool Available => Setsid is not null;

    /// <summary>The command that runs <paramref name="argv"/> in a new group: setsid, then the module's argv.</summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv) => Setsid is { } setsid ? [setsid, .. argv] : argv;

    /// <summary>Kills every process in the group led by <paramref name="leader"/>; a group already gone is not an error.</summary>
    public static void Kill(int leader)
    {
        if (Setsid is not null)
        {
            _ = KillNative(-leader, SigKill);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);
}
