namespace Omg.Modules.Requests;

/// <summary>What <see cref="HostFacts.Detect"/> needs to know beyond the running system.</summary>
public sealed class HostFactsOptions
{
    /// <summary>SysInspect's default sharelib, used when <see cref="SharelibPath"/> is not set.</summary>
    public const string DefaultSharelib = "/usr/share/sysinspect";

    /// <summary>
    /// The system root whose files describe the OS (like <c>dpkg --root</c>): <c>etc/os-release</c>,
    /// <c>etc/machine-id</c>, the package databases and <c>run/systemd/system</c> are read under it.
    /// Kernel, CPU, memory, hostname and network always come from the running kernel. Default <c>/</c>.
    /// </summary>
    public string Root { get; init; } = "/";

    /// <summary>
    /// Traits from configuration, added after the detected ones. As in SysInspect, where custom trait files
    /// are loaded after the system traits, a user trait with the name of a detected one replaces it.
    /// Values stay strings.
    /// </summary>
    public IReadOnlyDictionary<string, string> UserTraits { get; init; } = new Dictionary<string, string>();

    /// <summary>The SysInspect sharelib (its <c>lib/runtime/python3</c> holds py3 modules); <c>host.paths.sharelib</c>.</summary>
    public string SharelibPath { get; init; } = DefaultSharelib;

    /// <summary>The module roots in search order; <c>host.paths.modules</c>.</summary>
    public IReadOnlyList<string> ModuleRoots { get; init; } = [];

    /// <summary>
    /// The search path for executables used by the <c>python3</c> capability. <see langword="null"/> means the
    /// process's <c>PATH</c>.
    /// </summary>
    public string? SearchPath { get; init; }
}
