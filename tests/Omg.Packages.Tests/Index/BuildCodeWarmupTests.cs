using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using Omg.Packages.Debian;
using Omg.Packages.Index;

namespace Omg.Packages.Tests.Index;

public sealed class BuildCodeWarmupTests
{
    [Fact]
    public void The_build_methods_left_to_the_JIT_are_the_ones_warmed_up()
    {
        var methods = BuildCodeWarmup.HotMethods().ToList();

        // The loading phase's and the indexing phase's hottest methods, lambdas included.
        Assert.Contains(methods, m => m.DeclaringType == typeof(Deb822Reader) && m.Name == nameof(Deb822Reader.NextField));
        Assert.Contains(methods, m => m.DeclaringType == typeof(ControlFieldNames) && m.Name == nameof(ControlFieldNames.Find));
        Assert.Contains(methods, m => m.DeclaringType == typeof(TextIndexBuilder) && m.Name == nameof(TextIndexBuilder.Append));
        Assert.Contains(methods, m => m.DeclaringType?.DeclaringType == typeof(PackageIndex));
        Assert.All(methods, m => Assert.True((m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0, m.Name));
        Assert.DoesNotContain(methods, m => m.ContainsGenericParameters);

        // Loading-phase namespaces come before the index's.
        var firstIndex = methods.FindIndex(m => m.DeclaringType!.Namespace == typeof(PackageIndex).Namespace);
        var lastDebian = methods.FindLastIndex(m => m.DeclaringType!.Namespace == typeof(Deb822Reader).Namespace);
        Assert.True(lastDebian < firstIndex, $"Debian methods end at {lastDebian}, index methods start at {firstIndex}");
    }

    [Fact]
    public void Warming_up_compiles_every_hot_method_and_is_safe_to_repeat()
    {
        // The expected count comes from the assembly file's metadata tables, not from the reflection the code uses.
        var expected = MarkedMethodsInMetadata(typeof(BuildCodeWarmup).Assembly.Location);
        Assert.True(expected >= 30, $"only {expected} methods marked AggressiveOptimization in the metadata");
        Assert.Equal(expected, BuildCodeWarmup.HotMethods().Count());
        Assert.Equal(expected, BuildCodeWarmup.Compile());

        // A second, background round finds everything compiled and ends.
        var thread = BuildCodeWarmup.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal("omg build warmup", thread.Name);
    }

    // Non-generic, non-abstract method definitions flagged AggressiveOptimization in non-generic types.
    private static int MarkedMethodsInMetadata(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var count = 0;
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            var type = metadata.GetTypeDefinition(method.GetDeclaringType());
            if ((method.ImplAttributes & MethodImplAttributes.AggressiveOptimization) != 0
                && (method.Attributes & MethodAttributes.Abstract) == 0
                && method.GetGenericParameters().Count == 0
                && !IsGenericTypeOrInGenericType(metadata, type))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsGenericTypeOrInGenericType(MetadataReader metadata, TypeDefinition type)
    {
        for (var current = type; ; current = metadata.GetTypeDefinition(current.GetDeclaringType()))
        {
            if (current.GetGenericParameters().Count > 0)
            {
                return true;
            }

            if (current.GetDeclaringType().IsNil)
            {
                return false;
            }
        }
    }
}
