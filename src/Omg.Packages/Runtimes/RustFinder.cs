using System.Text.RegularExpressions;

namespace Omg.Packages.Runtimes;

/// <summary>
/// Rust toolchains under <c>~/.rustup/toolchains/*</c>; the version is rustc's from the toolchain's
/// <c>lib/rustlib/multirust-channel-manifest.toml</c>, else the toolchain name.
/// </summary>
internal static partial class RustFinder
{
    public static IEnumerable<RuntimeCandidate> Find(FileSystemView fs, string home)
    {
        foreach (var dir in fs.Directories(home + "/.rustup/toolchains"))
        {
            var version = RustcVersion(fs.ReadBytes(dir + "/lib/rustlib/multirust-channel-manifest.toml")) ?? Path.GetFileName(dir);
            yield return new RuntimeCandidate(new RuntimeInfo("rust", version, dir, "rustup", false), "rustc", dir);
        }
    }

    /// <summary>
    /// The first word of <c>version = "..."</c> on the line after <c>[pkg.rustc]</c>. The manifest is ~1 MB
    /// with that section near its end, so it is searched as bytes rather than decoded to text first.
    /// </summary>
    internal static string? RustcVersion(ReadOnlySpan<byte> manifest)
    {
        var at = manifest.IndexOf("[pkg.rustc]"u8);
        if (at < 0)
        {
            return null;
        }

        // The section header, blank space ending in a newline, then the version key.
        var rest = manifest[(at + "[pkg.rustc]".Length)..];
        var space = rest.IndexOfAnyExcept(" \t\r\n\f\v"u8);
        if (space <= 0 || rest[space - 1] != (byte)'\n' || !rest[space..].StartsWith("version"u8))
        {
            return null;
        }

        rest = rest[(space + "version".Length)..].TrimStart(" \t\r\n\f\v"u8);
        if (rest.IsEmpty || rest[0] != (byte)'=')
        {
            return null;
        }

        rest = rest[1..].TrimStart(" \t\r\n\f\v"u8);
        if (rest.IsEmpty || rest[0] != (byte)'"')
        {
            return null;
        }

        rest = rest[1..];
        var end = rest.IndexOfAny((byte)'"', (byte)' ');
        var version = end < 0 ? rest : rest[..end];
        return version.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(version);
    }

    /// <summary>The <c>default_toolchain</c> of rustup's settings, or null.</summary>
    public static string? DefaultToolchain(FileSystemView fs, string home)
    {
        var settings = fs.ReadText(home + "/.rustup/settings.toml");
        var m = settings is null ? Match.Empty : DefaultSetting().Match(settings);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^default_toolchain\s*=\s*""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex DefaultSetting();
}
