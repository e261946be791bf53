using Omg.Tests.Shared;

namespace Omg.Audit.Tests;

/// <summary>The fixture advisories, and a copy of the basic fixture root that says it is Debian 12.</summary>
internal static class AuditFixtures
{
    public static string Advisories => Path.Combine(AppContext.BaseDirectory, "fixtures", "advisories");

    public static string Tracker => Path.Combine(Advisories, "debian-tracker.json");

    public static string Osv => Path.Combine(Advisories, "osv");

    /// <summary>Copies the basic root into <paramref name="paths"/> and adds etc/os-release.</summary>
    public static string Root(TestPaths paths)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "fixtures", "roots", "basic");
        string root = Path.Combine(paths.Directory, "root");
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.Copy(Path.Combine(Advisories, "os-release"), Path.Combine(root, "etc", "os-release"));
        return root;
    }
}
