namespace Omg.Tests.Shared;

/// <summary>What /proc says about a process: whether one still runs (the tests that check a module was killed), and whether this one is root.</summary>
internal static class ProcessState
{
    /// <summary>True when this process runs with effective uid 0, read from /proc like the rest.</summary>
    public static bool IsRoot()
    {
        // "Uid:\treal\teffective\tsaved\tfs"
        string line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2] == "0";
    }

    /// <summary>True while <paramref name="pid"/> is alive; a zombie keeps its /proc entry until reaped, and does not count.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            string status = File.ReadAllText($"/proc/{pid}/status");
            string state = status.Split('\n').FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal)) ?? string.Empty;
            return !state.Contains('Z', StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
