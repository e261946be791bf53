using System.Reflection;
using Omg.PowerShell.Loading;
using Omg.PowerShell.Tests.Support;

namespace Omg.PowerShell.Tests;

public sealed class DependencyIsolationTests
{
    [Fact]
    public void The_cmdlet_assembly_references_only_the_framework_the_engine_and_the_isolated_engine_assemblies()
    {
        // A direct reference to anything else (MessagePack, say) would be bound in PowerShell's default context,
        // where another module's copy of it may already be, and the isolation would be gone.
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (AssemblyName reference in typeof(DependencyIsolation).Assembly.GetReferencedAssemblies())
        {
            string name = reference.Name!;
            bool allowed = name == "System.Management.Automation"
                || DependencyIsolation.EngineAssemblies.Contains(name)
                || File.Exists(Path.Combine(framework, name + ".dll"));
            Assert.True(allowed, $"Omg.PowerShell references {reference.FullName}, which is neither the framework nor an isolated engine assembly");
        }
    }

    [Fact]
    public void Every_engine_assembly_and_MessagePack_are_in_the_dependency_folder()
    {
        foreach (string name in DependencyIsolation.EngineAssemblies.Append("MessagePack"))
        {
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.DependencyOutput, name + ".dll")), $"{name}.dll is not in {RepositoryPaths.DependencyOutput}");
        }
    }

    [Fact]
    public void The_load_context_loads_from_its_folder_and_leaves_the_framework_to_the_default_context()
    {
        var context = new DependencyLoadContext(RepositoryPaths.DependencyOutput);

        Assembly protocol = context.LoadFromAssemblyName(new AssemblyName("Omg.Protocol"));
        Assembly messagePack = context.LoadFromAssemblyName(new AssemblyName("MessagePack"));
        Assembly runtime = context.LoadFromAssemblyName(new AssemblyName("System.Runtime"));

        Assert.Equal(Path.Combine(RepositoryPaths.DependencyOutput, "Omg.Protocol.dll"), protocol.Location);
        Assert.Same(context, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(messagePack));
        Assert.Same(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(runtime));
        Assert.Same(protocol, context.LoadFromAssemblyName(new AssemblyName("Omg.Protocol")));
    }
}
