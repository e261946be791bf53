using System.Text;

namespace Omg.Audit.Matching;

/// <summary>
/// The installed binary packages of a root's dpkg status file, with the source package and source
/// version each was built from (<c>Source: name (version)</c>, else the package itself and its version).
/// </summary>
public static class DpkgStatusReader
{
    /// <summary>Installed binaries of <c>&lt;root&gt;/var/lib/dpkg/status</c>; empty when there is no status file.</summary>
    public static IReadOnlyList<InstalledComponent> Read(string root)
    {
        string path = Path.Combine(root, "var/lib/dpkg/status");
        return File.Exists(path) ? Parse(File.ReadAllText(path, Encoding.UTF8)) : [];
    }

    /// <summary>
    /// Parses status text. A package counts when its files are on disk (state installed, half-configured,
    /// unpacked, half-installed, triggers-awaited or triggers-pending); config-files and not-installed do not.
    /// </summary>
    public static IReadOnlyList<InstalledComponent> Parse(string status)
    {
        var result = new List<InstalledComponent>();
        string? package = null, version = null, source = null, state = null;
        foreach (string raw in status.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            string value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "Package": package = value; break;
                case "Version": version = value; break;
                case "Source": source = value; break;
                case "Status":
                    string[] words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    state = words.Length == 3 ? words[2] : null;
                    break;
            }
        }

        Flush();
        return result;

        void Flush()
        {
            if (package is { Length: > 0 } && version is { Length: > 0 } && IsOnDisk(state))
            {
                string sourceName = package, sourceVersion = version;
                if (source is { Length: > 0 })
                {
                    int paren = source.IndexOf('(', StringComparison.Ordinal);
                    sourceName = (paren < 0 ? source : source[..paren]).Trim();
                    if (paren >= 0)
                    {
                        int close = source.IndexOf(')', paren);
                        string inner = (close < 0 ? source[(paren + 1)..] : source[(paren + 1)..close]).Trim();
                        sourceVersion = inner.Length > 0 ? inner : version;
                    }

                    if (sourceName.Length == 0)
                    {
                        sourceName = package;
                    }
                }

                result.Add(new InstalledComponent(package, version, sourceName, sourceVersion, InstalledComponent.Distro));
            }

            package = version = source = state = null;
        }
    }

    private static bool IsOnDisk(string? state) =>
        state is "installed" or "half-configured" or "unpacked" or "half-installed" or "triggers-awaited" or "triggers-pending";
}
