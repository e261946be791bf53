using System.Reflection;
using System.Runtime.Loader;

namespace Omg.PowerShell.Loading;

/// <summary>
/// The load context of the module's private dependencies: Omg.Client, Omg.Protocol and what they use
/// (MessagePack and its companions), all from the module's <c>Dependencies/</c> folder. Another module's
/// copy of the same library in the default context is never seen from here, and ours never from there.
/// </summary>
public sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    /// <summary>A context over the assemblies in <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder holding the private dependencies.</param>
    public DependencyLoadContext(string directory)
        : base("Omg.Dependencies")
    {
        _directory = directory;
    }

    /// <summary>The folder the private dependencies are loaded from.</summary>
    public string Directory => _directory;

    /// <summary>
    /// Loads <paramref name="assemblyName"/> from the dependency folder when it is there; null otherwise,
    /// so that the framework and the engine (System.Management.Automation) come from the default context
    /// and stay shared with PowerShell.
    /// </summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        ArgumentNullException.ThrowIfNull(assemblyName);
        if (assemblyName.Name is not { Length: > 0 } name)
        {
            return null;
        }

        string path = Path.Combine(_directory, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
