namespace Omg.Daemon.Hosting;

/// <summary>
/// Settings omgd refuses before it listens: a daemon that started on a root that is not there would answer every
/// client with zero packages, which reads as an empty machine rather than a typo.
/// </summary>
internal static class StartChecks
{
    /// <summary>Throws <see cref="DaemonStartException"/> naming the first unusable setting.</summary>
    public static void Run(DaemonOptions options)
    {
        string root = string.IsNullOrEmpty(options.Root) ? "/" : options.Root;
        if (!Directory.Exists(root))
        {
            throw new DaemonStartException($"root {root} is not a directory");
        }
    }
}
