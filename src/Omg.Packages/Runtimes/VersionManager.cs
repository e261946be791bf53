namespace Omg.Packages.Runtimes;

/// <summary>
/// A shim-based version manager (pyenv, rbenv) as the user's environment configures it: where it lives
/// (<c>PYENV_ROOT</c>, else <c>~/.pyenv</c>) and a version forced for the whole environment
/// (<c>PYENV_VERSION</c>), which wins over the global <c>version</c> file as it does for pyenv itself.
/// Per-directory <c>.python-version</c> files are not consulted: a daemon answers for no particular directory.
/// </summary>
/// <param name="Name">The manager, reported as <see cref="RuntimeInfo.Manager"/>.</param>
/// <param name="Root">Its directory inside the filesystem root (holds <c>versions/</c>, <c>shims/</c>, <c>version</c>).</param>
/// <param name="ForcedVersion">The environment's forced version, null when none.</param>
internal sealed record VersionManager(string Name, string Root, string? ForcedVersion)
{
    /// <summary>The manager's directory holding one directory per installed version.</summary>
    public string Versions => Root + "/versions";

    /// <summary>
    /// Resolves <paramref name="name"/>'s root and forced version: the options' values, else, on the live
    /// system only, the <c>{NAME}_ROOT</c> and <c>{NAME}_VERSION</c> variables, else <c>~/.{name}</c>.
    /// </summary>
    public static VersionManager Resolve(string name, string? root, string? forcedVersion, RuntimeDetectorOptions options)
    {
        var live = options.Root == "/";
        var variable = name.ToUpperInvariant();
        root ??= live ? NonEmpty(Environment.GetEnvironmentVariable(variable + "_ROOT")) : null;
        forcedVersion ??= live ? NonEmpty(Environment.GetEnvironmentVariable(variable + "_VERSION")) : null;
        return new VersionManager(name, (root ?? $"{options.ResolvedHome}/.{name}").TrimEnd('/'), forcedVersion);
    }

    /// <summary>
    /// The version a shim runs: the forced one, else the first word of the global <c>version</c> file;
    /// null when neither names one. <c>system</c> means the manager hands over to the rest of the PATH.
    /// </summary>
    public string? SelectedVersion(FileSystemView fs) =>
        (ForcedVersion ?? VersionText.FirstLine(fs.ReadText(Root + "/version")))?.Split([' ', ':'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    /// <summary>True when <paramref name="resolvedCommand"/> is one of this manager's shims.</summary>
    public bool IsShim(string resolvedCommand) => resolvedCommand.StartsWith(Root + "/shims/", StringComparison.Ordinal);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
