using System.Diagnostics;

namespace Omg.Packages.Debian;

/// <summary>The native architecture and the configured foreign ones.</summary>
/// <param name="Native">dpkg's native architecture, e.g. <c>amd64</c>.</param>
/// <param name="Foreign">Foreign architectures added with <c>dpkg --add-architecture</c>.</param>
internal sealed record DebianArchitectures(string Native, IReadOnlyList<string> Foreign)
{
    // dpkg's native architecture is built into dpkg and cannot change while we run: ask once per process.
    private static readonly Lazy<string?> LiveNative = new(() => RunDpkg("--print-architecture")?.Trim() is { Length: > 0 } a ? a : null);

    /// <summary>True for the native architecture, <c>all</c>, or a foreign one.</summary>
    public bool IsConfigured(string arch) => arch == Native || arch == "all" || Foreign.Contains(arch);

    /// <summary>
    /// Reads <c>var/lib/dpkg/arch</c> under the root (first line native, the rest foreign). Without that
    /// file (single-architecture systems often have none) the native architecture is the installed dpkg
    /// package's; failing that, for the live root, <c>dpkg --print-architecture</c> (once per process);
    /// otherwise the commonest architecture in the status file.
    /// </summary>
    public static DebianArchitectures Load(string root, Func<string?> installedDpkg, Func<string?> statusFallback, List<string> problems)
    {
        var archFile = Path.Combine(root, "var/lib/dpkg/arch");
        try
        {
            if (File.Exists(archFile))
            {
                var lines = File.ReadAllLines(archFile).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().ToList();
                if (lines.Count > 0)
                {
                    return new DebianArchitectures(lines[0], lines.Skip(1).ToArray());
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{archFile}: unreadable ({e.Message})");
        }

        // dpkg keeps foreign architectures in the arch file alone, so without it there are none.
        if (installedDpkg() is { } dpkgArch)
        {
            return new DebianArchitectures(dpkgArch, []);
        }

        if (Path.GetFullPath(root) == "/" && LiveNative.Value is { } native)
        {
            return new DebianArchitectures(native, []);
        }

        return new DebianArchitectures(statusFallback() ?? "amd64", []);
    }

    private static string? RunDpkg(string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dpkg", argument)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
