namespace Omg.Packages.Debian;

/// <summary>
/// apt's rule for its <c>*.d</c> directories (<c>apt.conf.d</c>, <c>preferences.d</c>, <c>sources.list.d</c>): files
/// whose names hold only letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, with the directory's own extension (or,
/// where apt allows it, none), read in sorted order. Everything else (dpkg backups such as <c>.dpkg-old</c>, editor
/// leftovers, <c>.list.save</c>) is ignored, as apt ignores it.
/// </summary>
internal static class AptParts
{
    /// <summary>The files apt reads from <paramref name="directory"/>, in order; none when it does not exist.</summary>
    /// <param name="directory">The parts directory.</param>
    /// <param name="extension">The one extension apt accepts there besides none, with its dot (<c>.conf</c>, <c>.pref</c>).</param>
    public static IEnumerable<string> Files(string directory, string extension) => Files(directory, [extension], allowNoExtension: true);

    /// <summary>The files apt reads from <paramref name="directory"/>, in order; none when it does not exist.</summary>
    /// <param name="directory">The parts directory.</param>
    /// <param name="extensions">The extensions apt accepts there, with their dots (<c>.list</c>, <c>.sources</c>).</param>
    /// <param name="allowNoExtension">Whether names without any extension count too.</param>
    public static IEnumerable<string> Files(string directory, string[] extensions, bool allowNoExtension) =>
        !Directory.Exists(directory)
            ? []
            : Directory.GetFiles(directory)
                .Where(f => Path.GetFileName(f) is var name
                            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
                            && (name.Contains('.')
                                ? extensions.Any(e => name.EndsWith(e, StringComparison.Ordinal))
                                : allowNoExtension))
                .Order(StringComparer.Ordinal);
}
