using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace Omg.PowerShell.Loading;

/// <summary>
/// Keeps the module's dependencies out of PowerShell's default load context (issue 17, item 5). The
/// cmdlets reference only the framework, the engine and Omg's own engine assemblies (<see cref="EngineAssemblies"/>);
/// when the default context fails to find one of those, this answers from a <see cref="DependencyLoadContext"/>
/// over <c>Dependencies/</c>, which then loads everything those need (MessagePack included) by itself. Nothing
/// else is answered: a request for MessagePack from another module is never served Omg's copy.
/// </summary>
public sealed class DependencyIsolation : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The folder, beside the cmdlet assembly, that holds the private dependencies.</summary>
    public const string FolderName = "Dependencies";

    /// <summary>The assemblies the cmdlets reference directly and that are loaded privately.</summary>
    public static readonly IReadOnlyList<string> EngineAssemblies = ["Omg.Client", "Omg.Protocol"];

    private static readonly Lazy<DependencyLoadContext> Context = new(
        () => new DependencyLoadContext(Path.Combine(ModuleDirectory(), FolderName)));

    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>The private context, created on first use.</summary>
    public static DependencyLoadContext LoadContext => Context.Value;

    /// <summary>Registers the resolver when PowerShell imports the cmdlet assembly.</summary>
    public void OnImport() => Register();

    /// <summary>Unregisters it on Remove-Module; assemblies already loaded stay, as they must.</summary>
    /// <param name="psModuleInfo">The module being removed.</param>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (_registered)
            {
                AssemblyLoadContext.Default.Resolving -= Resolve;
                _registered = false;
            }
        }
    }

    /// <summary>Registers the resolver once, however often the module is imported.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                AssemblyLoadContext.Default.Resolving += Resolve;
                _registered = true;
            }
        }
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        // The build tree's xunit host and a flat layout have no Dependencies/: the default context has found
        // the assembly already, and this is never asked.
        if (name.Name is not { } simple || !EngineAssemblies.Contains(simple, StringComparer.Ordinal))
        {
            return null;
        }

        DependencyLoadContext own = Context.Value;
        return File.Exists(Path.Combine(own.Directory, simple + ".dll")) ? own.LoadFromAssemblyName(name) : null;
    }

    private static string ModuleDirectory() =>
        Path.GetDirectoryName(typeof(DependencyIsolation).Assembly.Location) ?? AppContext.BaseDirectory;
}
