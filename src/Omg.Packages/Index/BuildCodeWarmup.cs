using System.Reflection;
using System.Runtime.CompilerServices;

namespace Omg.Packages.Index;

/// <summary>
/// Compiles the index build's hot methods before the build needs them, on a thread of its own.
/// </summary>
/// <remarks>
/// The methods marked <see cref="MethodImplOptions.AggressiveOptimization"/> are the ones the cold build
/// spends its time in; they are left out of the precompiled image on purpose (the JIT inlines across
/// assemblies, precompiled code cannot), so each costs a fully optimising compile on first call. Called
/// first thing in a process that will build an index, this does those compiles while the process is still
/// starting up on one core, instead of inside the build where both cores are busy. A method the build
/// reaches while it is being compiled here waits for that compile rather than compiling it twice.
/// </remarks>
public static class BuildCodeWarmup
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>Starts compiling on a background thread and returns at once.</summary>
    /// <returns>The thread doing it, for callers (tests) that wait for it.</returns>
    public static Thread Start()
    {
        var thread = new Thread(CompileQuietly) { IsBackground = true, Name = "omg build warmup" };
        thread.Start();
        return thread;
    }

    private static void CompileQuietly()
    {
        try
        {
            Compile();
        }
        catch (Exception)
        {
            // Finding the methods failed (reflection over this assembly): the build compiles them itself.
        }
    }

    /// <summary>Compiles every non-generic method of this assembly marked for aggressive optimization.</summary>
    /// <returns>How many methods were compiled.</returns>
    public static int Compile()
    {
        var count = 0;
        foreach (var method in HotMethods())
        {
            try
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
                count++;
            }
            catch (Exception)
            {
                // Only a warm-up, on a thread of its own where an escaping exception would end the process:
                // whatever this could not compile (or load), the build compiles itself and reports.
            }
        }

        return count;
    }

    /// <summary>The methods <see cref="Compile"/> compiles, loading-phase namespaces (Compression, Debian) first.</summary>
    public static IEnumerable<MethodBase> HotMethods()
    {
        Type[] types;
        try
        {
            types = typeof(BuildCodeWarmup).Assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = [.. e.Types.OfType<Type>()];
        }

        Array.Sort(types, static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        foreach (var type in types)
        {
            if (type.ContainsGenericParameters)
            {
                continue;
            }

            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0 && !method.IsAbstract && !method.ContainsGenericParameters)
                {
                    yield return method;
                }
            }
        }
    }
}
