using System.Reflection;

namespace Omg.PowerShell.Tests.Support;

/// <summary>Where the repository's module files are, found from the test's own location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Manifest => Path.Combine(Root, "Omg.psd1");

    public static string ModuleProject => Path.Combine(Root, "src", "Omg.PowerShell");

    public static string FormatFile => Path.Combine(Root, "Omg.Format.ps1xml");

    public static string TypesFile => Path.Combine(Root, "Omg.Types.ps1xml");

    public static string HelpFile => Path.Combine(ModuleProject, "en-US", "Omg.PowerShell.dll-Help.xml");

    public static string AboutFile => Path.Combine(Root, "en-US", "about_Omg.help.txt");

    /// <summary>The configuration (Debug or Release) these tests were built in.</summary>
    public static string Configuration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The module's own build output, of the configuration these tests were built in.</summary>
    public static string ModuleOutput => Path.Combine(ModuleProject, "bin", Configuration, "net8.0");

    /// <summary>The module's private dependencies (and omgd), loaded in a context of their own.</summary>
    public static string DependencyOutput => Path.Combine(ModuleOutput, "Dependencies");

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "omg.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("omg.sln not found above " + AppContext.BaseDirectory);
    }
}
