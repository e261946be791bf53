using System.Reflection;
using System.Reflection.PortableExecutable;

namespace Omg.Client.Tests.Cli;

/// <summary>How the build lays out <c>omg</c>: the folder users run it from.</summary>
public sealed class CliBuildTests
{
    [Fact]
    public void Release_builds_of_omg_are_precompiled_with_the_libraries_it_loads_and_omgd_beside_it()
    {
        // Every omg command is a fresh process; precompiled, one starts ~80 ms sooner (docs/benchmarks.md).
        string configuration = typeof(CliBuildTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        string folder = Path.Combine(RepositoryRoot(), "src", "Omg.Cli", "bin", configuration, "net10.0");
        foreach (string name in new[] { "omg.dll", "Omg.Client.dll", "Omg.Protocol.dll", "System.CommandLine.dll", "omgd.dll", "Omg.Packages.dll" })
        {
            string path = Path.Combine(folder, name);
            Assert.True(File.Exists(path), $"{name} is not in {folder}");
            using var reader = new PEReader(File.OpenRead(path));
            bool precompiled = reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
            Assert.True(precompiled == (configuration == "Release"), $"{name} beside omg: precompiled {precompiled} in a {configuration} build");
        }
    }

    private static string RepositoryRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "omg.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"no omg.sln above {AppContext.BaseDirectory}");
    }
}
