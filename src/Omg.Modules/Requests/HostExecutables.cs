namespace Omg.Modules.Requests;

/// <summary>Finds executables the way a shell would, without running one.</summary>
internal static class HostExecutables
{
    /// <summary>
    /// The first executable file named <paramref name="name"/> among <paramref name="preferred"/> paths, then in
    /// the directories of <paramref name="searchPath"/> (the process's <c>PATH</c> when null); null when none.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> preferred, string? searchPath)
    {
        foreach (var candidate in preferred)
        {
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            // A relative PATH entry depends on the daemon's working directory, which nobody means.
            if (!Path.IsPathRooted(dir))
            {
                continue;
            }

            var candidate = Path.Combine(dir, name);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>True for a regular file (after symlinks) with any execute bit.</summary>
    public static bool IsExecutableFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return (File.GetUnixFileMode(path) & anyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
