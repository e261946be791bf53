using System.Diagnostics;

namespace Omg.Packages.Tests.Debian;

/// <summary>
/// Runs the real apt against a root and returns what it prints, as full names (<c>name</c>, or
/// <c>name:arch</c> for a foreign architecture). For a fixture root apt is pointed at that root's files only
/// through an APT_CONFIG file: its own apt.conf.d, preferences, sources.list, status, lists and extended_states,
/// a throw-away cache; for "/" apt runs as configured.
/// </summary>
internal sealed class AptOracle : IDisposable
{
    private readonly string _root;
    private readonly string? _native;
    private readonly TempRoot? _temp;

    public AptOracle(string root)
    {
        _root = Path.GetFullPath(root);
        if (_root == "/")
        {
            return;
        }

        _temp = new TempRoot();
        Directory.CreateDirectory(_temp.File("cache/archives/partial"));
        Directory.CreateDirectory(_temp.File("log"));
        var archs = File.ReadAllLines(Path.Combine(_root, "var/lib/dpkg/arch")).Where(l => l.Length > 0).ToArray();
        _native = archs[0];
        File.WriteAllText(_temp.File("apt.conf"), $"""
            Dir::Etc::main "/dev/null";
            Dir::Etc::Parts "{_root}/etc/apt/apt.conf.d";
            Dir::Etc::Preferences "{(File.Exists(Path.Combine(_root, "etc/apt/preferences")) ? Path.Combine(_root, "etc/apt/preferences") : "/dev/null")}";
            Dir::Etc::PreferencesParts "{(Directory.Exists(Path.Combine(_root, "etc/apt/preferences.d")) ? Path.Combine(_root, "etc/apt/preferences.d") : "/dev/null")}";
            Dir::Etc::SourceList "{_root}/etc/apt/sources.list";
            Dir::Etc::SourceParts "/dev/null";
            Dir::State::status "{_root}/var/lib/dpkg/status";
            Dir::State::Lists "{_root}/var/lib/apt/lists";
            Dir::State::extended_states "{_root}/var/lib/apt/extended_states";
            Dir::Cache "{_temp.File("cache")}";
            Dir::Cache::pkgcache "";
            Dir::Cache::srcpkgcache "";
            Dir::Log "{_temp.File("log")}";
            APT::Architecture "{_native}";
            APT::Architectures "{string.Join(',', archs)}";
            """);
    }

    public static bool Available => File.Exists("/usr/bin/apt-get") && File.Exists("/usr/bin/apt-mark");

    /// <summary><c>apt list --upgradable</c>: "name/suite version arch [upgradable from: v]".</summary>
    public List<string> Upgradable()
    {
        var native = _native ?? Run("dpkg", "--print-architecture").Trim();
        return Run("apt", "list --upgradable")
            .Split('\n')
            .Where(l => l.Contains("[upgradable from:", StringComparison.Ordinal))
            .Select(l =>
            {
                var parts = l.Split(' ');
                var name = parts[0].Split('/')[0];
                var arch = parts[2];
                return arch == native || arch == "all" ? name : name + ":" + arch;
            })
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The <c>Candidate:</c> line of <c>apt-cache policy</c> for a package (null for "(none)").</summary>
    public string? Candidate(string package)
    {
        var line = Run("apt-cache", "policy " + package).Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("Candidate:", StringComparison.Ordinal));
        var value = line?.Split(':', 2)[1].Trim();
        return value is null or "(none)" ? null : value;
    }

    /// <summary><c>apt-mark showmanual</c>.</summary>
    public List<string> Manual() => Lines(Run("apt-mark", "showmanual"));

    /// <summary>The "Remv name [version]" lines of <c>apt-get -s autoremove</c>.</summary>
    public List<string> Orphans()
    {
        var native = _native ?? Run("dpkg", "--print-architecture").Trim();
        return Run("apt-get", "-s autoremove")
            .Split('\n')
            .Where(l => l.StartsWith("Remv ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1])
            .Select(n => n.EndsWith(":" + native, StringComparison.Ordinal) ? n[..^(native.Length + 1)] : n)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public void Dispose() => _temp?.Dispose();

    private static List<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();

    private string Run(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_temp is not null)
        {
            start.Environment["APT_CONFIG"] = _temp.File("apt.conf");
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} exited {process.ExitCode}: {error.Result}");
        }

        return output.Result;
    }
}
