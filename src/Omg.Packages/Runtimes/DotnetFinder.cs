namespace Omg.Packages.Runtimes;

/// <summary>
/// .NET installations in <c>/usr/share/dotnet</c>, <c>/usr/lib/dotnet</c> and <c>~/.dotnet</c>:
/// every SDK (<c>sdk/&lt;version&gt;</c>, name <c>dotnet</c>) and every shared runtime
/// (<c>shared/Microsoft.NETCore.App/&lt;version&gt;</c>, name <c>dotnet-runtime</c>).
/// </summary>
internal static class DotnetFinder
{
    public static IEnumerable<RuntimeCandidate> Find(FileSystemView fs, string home)
    {
        foreach (var (root, manager) in new[] { ("/usr/share/dotnet", "system"), ("/usr/lib/dotnet", "system"), (home + "/.dotnet", "dotnet-install") })
        {
            if (fs.IsLink(root))
            {
                continue;
            }

            foreach (var sdk in fs.Directories(root + "/sdk"))
            {
                if (char.IsAsciiDigit(Path.GetFileName(sdk)[0]))
                {
                    yield return new RuntimeCandidate(new RuntimeInfo("dotnet", Path.GetFileName(sdk), sdk, manager, false), "dotnet", root);
                }
            }

            foreach (var runtime in fs.Directories(root + "/shared/Microsoft.NETCore.App"))
            {
                yield return new RuntimeCandidate(new RuntimeInfo("dotnet-runtime", Path.GetFileName(runtime), runtime, manager, false), "dotnet", root);
            }
        }
    }
}
