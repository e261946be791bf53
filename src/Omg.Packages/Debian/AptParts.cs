namespace Omg.Packages.Debian;

/// <summary>
/// apt's rule for its <c>*.d</c> directories (<c>apt.conf.d</c>, <c>preferences.d</c>): files whose names hold only
/// letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, with no extension or the directory's own, read in sorted order.
/// Everything else (dpkg backups such as <c>.dpkg-old</c>, editor leftovers) is ignored, as apt ignores it.
/// </summary>
internal static class AptParts
{
    /// <summary>The files apt reads from <paramref name="directory"/>, in order; none when it does not exist.</summary>
    /// <param name="directory">The parts directory.</param>
    /// <param name="extension">The one extension apt accepts there, with its dot (<c>.conf</c>, <c>.pref</c>).</param>
    public static IEnumerable<string> Files(string directory, string extension) =>
        !Directory.Exists(directory)
            ? []
            : Directory.GetFiles(directory)
                .Where(f => Path.GetFileName(f) is var name
                            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
                            && (!name.Contains('.') || name.EndsWith(extension, StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal);
}
