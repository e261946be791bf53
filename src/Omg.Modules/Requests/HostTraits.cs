using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Omg.Modules.Requests;

/// <summary>
/// <c>host</c> of the module contract: <c>traits</c> as flat dotted keys, as SysInspect's minion traits are, read
/// from the system (the OS release under the configured root), plus the user's traits from configuration.
/// </summary>
public static class HostTraits
{
    /// <summary>The host object for modules describing <paramref name="root"/>.</summary>
    public static JsonObject Detect(string root, IReadOnlyDictionary<string, string> userTraits)
    {
        var traits = new JsonObject();
        Dictionary<string, string> release = OsRelease(Path.Combine(root, "etc/os-release"));
        if (release.TryGetValue("NAME", out string? name))
        {
            traits["system.os.name"] = name;
        }

        if (release.TryGetValue("VERSION_ID", out string? version))
        {
            traits["system.os.version"] = version;
        }

        if (release.TryGetValue("ID", out string? id))
        {
            traits["system.os.distribution"] = id;
        }

        traits["system.kernel"] = ReadLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString();
        traits["system.arch"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() switch { "x64" => "x86_64", "arm64" => "aarch64", var other => other };
        traits["system.hostname"] = Environment.MachineName;
        traits["hardware.cpu.total"] = Environment.ProcessorCount;
        foreach ((string key, string value) in userTraits)
        {
            traits[key] = value;
        }

        return new JsonObject
        {
            ["traits"] = traits,
            ["paths"] = new JsonObject { ["root"] = root },
            ["capabilities"] = new JsonArray(),
        };
    }

    private static Dictionary<string, string> OsRelease(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }

        foreach (string line in File.ReadLines(path))
        {
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !line.StartsWith('#'))
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim().Trim('"', '\'');
            }
        }

        return values;
    }

    private static string? ReadLine(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
