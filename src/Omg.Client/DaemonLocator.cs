using System.Diagnostics.CodeAnalysis;

namespace Omg.Client;

/// <summary>Finds omgd, and <c>dotnet</c> when omgd is a framework-dependent dll.</summary>
public static class DaemonLocator
{
    /// <summary>The environment variable naming the omgd executable or dll.</summary>
    public const string DaemonVariable = "OMG_DAEMON";

    /// <summary>
    /// Where omgd is: <paramref name="explicitPath"/>, else <c>$OMG_DAEMON</c>, else <c>omgd</c> or
    /// <c>omgd.dll</c> next to this assembly, else <c>omgd</c> on PATH.
    /// </summary>
    /// <param name="explicitPath">An executable or dll chosen by the caller, or null.</param>
    /// <param name="environment">Reads environment variables (tests pass their own).</param>
    /// <returns>The command, or null when omgd cannot be found.</returns>
    /// <exception cref="FileNotFoundException">A dll was named but no <c>dotnet</c> host was found.</exception>
    /// <param name="besideDirectory">Where "next to the client" is; null for this assembly's directory.</param>
    public static DaemonCommand? Locate(string? explicitPath = null, Func<string, string?>? environment = null, string? besideDirectory = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? chosen = !string.IsNullOrEmpty(explicitPath) ? explicitPath : environment(DaemonVariable);
        if (!string.IsNullOrEmpty(chosen))
        {
            return ForFile(Path.GetFullPath(chosen), environment);
        }

        string here = besideDirectory ?? ClientDirectory();
        foreach (string name in new[] { "omgd", "omgd.dll" })
        {
            string candidate = Path.Combine(here, name);
            if (File.Exists(candidate))
            {
                return ForFile(candidate, environment);
            }
        }

        return FindOnPath("omgd", environment) is { } onPath ? new DaemonCommand(onPath, []) : null;
    }

    /// <summary>
    /// The <c>dotnet</c> host: <c>$DOTNET_HOST_PATH</c>, <c>$DOTNET_ROOT/dotnet</c>, this process when it
    /// is dotnet, PATH, then the usual install locations.
    /// </summary>
    public static string? FindDotnet(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (environment("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return FindOnPath("dotnet", environment)
            ?? new[] { "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet" }.FirstOrDefault(File.Exists);
    }

    // In pwsh this assembly's own folder is the module's (AppContext.BaseDirectory is pwsh's); in the
    // NativeAOT omg there is no assembly file, Location is empty, and the executable's folder is the one.
    [UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file", Justification = "An empty Location falls back to AppContext.BaseDirectory.")]
    private static string ClientDirectory() =>
        Path.GetDirectoryName(typeof(DaemonLocator).Assembly.Location) is { Length: > 0 } dir ? dir : AppContext.BaseDirectory;

    private static DaemonCommand ForFile(string path, Func<string, string?> environment)
    {
        if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new DaemonCommand(path, []);
        }

        string dotnet = FindDotnet(environment) ?? throw new FileNotFoundException($"omgd is {path}, a dll, but no dotnet host was found to run it (set DOTNET_ROOT)", "dotnet");
        return new DaemonCommand(dotnet, [path]);
    }

    private static string? FindOnPath(string name, Func<string, string?> environment)
    {
        foreach (string dir in (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
