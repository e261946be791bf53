using System.Text.RegularExpressions;

namespace Omg.Packages.Runtimes;

/// <summary>
/// Pythons: <c>/usr/bin/pythonX.Y</c> and <c>/usr/local/bin/pythonX.Y</c> (version from the matching
/// <c>include/pythonX.Y/patchlevel.h</c>, else X.Y), and pyenv's <c>versions/*</c> under its root
/// (<c>~/.pyenv</c> or <c>$PYENV_ROOT</c>; patchlevel.h, else the directory name).
/// </summary>
internal static partial class PythonFinder
{
    public static IEnumerable<RuntimeCandidate> Find(FileSystemView fs, VersionManager pyenv)
    {
        foreach (var (prefix, manager) in new[] { ("/usr", "system"), ("/usr/local", "local") })
        {
            foreach (var exe in fs.Files(prefix + "/bin", "python*"))
            {
                var m = Executable().Match(Path.GetFileName(exe));
                if (!m.Success || fs.IsLink(exe))
                {
                    continue;
                }

                var minor = m.Groups[1].Value;
                var version = PatchLevel(fs, $"{prefix}/include/python{minor}") ?? minor;
                yield return new RuntimeCandidate(new RuntimeInfo("python", version, exe, manager, false), "python3", exe);
            }
        }

        foreach (var dir in fs.Directories(pyenv.Versions))
        {
            if (fs.IsLink(dir) || fs.Files(dir + "/bin", "python*").Count == 0)
            {
                continue;
            }

            var version = fs.Directories(dir + "/include", "python*").Select(i => PatchLevel(fs, i)).FirstOrDefault(v => v is not null)
                ?? Path.GetFileName(dir);
            yield return new RuntimeCandidate(new RuntimeInfo("python", version, dir, "pyenv", false), "python3", dir);
        }
    }

    private static string? PatchLevel(FileSystemView fs, string includeDir) =>
        VersionText.Define(fs.ReadText(includeDir + "/patchlevel.h"), "PY_VERSION");

    [GeneratedRegex(@"^python(\d+\.\d+)$")]
    private static partial Regex Executable();
}
