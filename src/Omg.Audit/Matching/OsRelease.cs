namespace Omg.Audit.Matching;

/// <summary>The distribution release of a root, from <c>etc/os-release</c> (else <c>usr/lib/os-release</c>).</summary>
/// <param name="Id">The <c>ID</c> (<c>debian</c>, <c>ubuntu</c>), lower case; empty when unknown.</param>
/// <param name="VersionId">The <c>VERSION_ID</c> (<c>12</c>, <c>22.04</c>); empty on Debian testing and unstable.</param>
/// <param name="Codename">The <c>VERSION_CODENAME</c> (<c>bookworm</c>, <c>jammy</c>); empty when absent.</param>
/// <param name="Lts">True when <c>VERSION</c> says LTS (Ubuntu).</param>
public sealed record OsRelease(string Id, string VersionId, string Codename, bool Lts)
{
    /// <summary>What is known when no os-release file exists.</summary>
    public static OsRelease Unknown { get; } = new(string.Empty, string.Empty, string.Empty, false);

    /// <summary>True when nothing identifies the release.</summary>
    public bool IsUnknown => Id.Length == 0;

    /// <summary>Reads the release of <paramref name="root"/>.</summary>
    public static OsRelease Read(string root)
    {
        foreach (string relative in new[] { "etc/os-release", "usr/lib/os-release" })
        {
            string path = Path.Combine(root, relative);
            try
            {
                if (File.Exists(path))
                {
                    return Parse(File.ReadAllText(path));
                }
            }
            catch (IOException)
            {
                // An unreadable candidate is as good as a missing one; the next may do.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return Unknown;
    }

    /// <summary>Parses os-release text (shell-style <c>KEY=value</c> lines, values optionally quoted).</summary>
    public static OsRelease Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || equals <= 0)
            {
                continue;
            }

            string value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            fields[line[..equals]] = value;
        }

        string codename = fields.GetValueOrDefault("VERSION_CODENAME") ?? fields.GetValueOrDefault("UBUNTU_CODENAME") ?? string.Empty;
        return new OsRelease(
            (fields.GetValueOrDefault("ID") ?? string.Empty).ToLowerInvariant(),
            fields.GetValueOrDefault("VERSION_ID") ?? string.Empty,
            codename.ToLowerInvariant(),
            (fields.GetValueOrDefault("VERSION") ?? string.Empty).Contains("LTS", StringComparison.Ordinal));
    }

    /// <summary>
    /// True when an advisory ecosystem names this release: <c>Debian:12</c> or <c>Debian:bookworm</c> (tracker)
    /// on Debian 12, <c>Ubuntu:22.04</c> or <c>Ubuntu:22.04:LTS</c> on Ubuntu 22.04. Other releases do not match.
    /// </summary>
    public bool Matches(string ecosystem)
    {
        string[] parts = ecosystem.Split(':');
        if (parts.Length < 2 || !parts[0].Equals(Id, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string release = parts[1];
        string major = VersionId.Split('.')[0];
        return Id switch
        {
            "debian" => (release.Length > 0 && (release == VersionId || release == major)) || release.Equals(Codename, StringComparison.OrdinalIgnoreCase),
            "ubuntu" => (release == VersionId && (parts.Length == 2 || parts[2] == "LTS")) || release.Equals(Codename, StringComparison.OrdinalIgnoreCase),
            _ => release == VersionId,
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsUnknown ? "unknown" : $"{Id} {(VersionId.Length > 0 ? VersionId : Codename)}{(Codename.Length > 0 && VersionId.Length > 0 ? " (" + Codename + ")" : string.Empty)}";
}
