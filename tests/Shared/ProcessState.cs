namespace Omg.Tests.Shared;

/// <summary>Whether a process still runs, read from /proc: the tests that check a module was killed ask this.</summary>
internal static class ProcessState
{
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
