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
            var manifest = fs.ReadText(dir + "/lib/rustlib/multirust-channel-manifest.toml");
            var m = manifest is null ? Match.Empty : RustcVersion().Match(manifest);
            var version = m.Success ? m.Groups[1].Value : Path.GetFileName(dir);
            yield return new RuntimeCandidate(new RuntimeInfo("rust", version, dir, "rustup", false), "rustc", dir);
        }
    }

    /// <summary>The <c>default_toolchain</c> of rustup's settings, or null.</summary>
    public static string? DefaultToolchain(FileSystemView fs, string home)
    {
        var settings = fs.ReadText(home + "/.rustup/settings.toml");
        var m = settings is null ? Match.Empty : DefaultSetting().Match(settings);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\[pkg\.rustc\]\s*\r?\nversion\s*=\s*""([^"" ]+)")]
    private static partial Regex RustcVersion();

    [GeneratedRegex(@"^default_toolchain\s*=\s*""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex DefaultSetting();
}
