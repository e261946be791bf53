namespace Omg.Packages.Runtimes;

/// <summary>Where <see cref="RuntimeDetector"/> looks.</summary>
public sealed class RuntimeDetectorOptions
{
    /// <summary>Filesystem root every path is read under (like <c>dpkg --root</c>); default <c>/</c>.</summary>
    public string Root { get; init; } = "/";

    /// <summary>
    /// The user's home as a path inside the root (pyenv, nvm, rustup, rbenv, <c>~/.dotnet</c> live there).
    /// Default: <c>$HOME</c> when the root is <c>/</c>, else <c>/root</c>.
    /// </summary>
    public string? Home { get; init; }

    /// <summary>
    /// Directories a plain command is looked up in, in order (decides <see cref="RuntimeInfo.IsDefault"/>).
    /// Default: <c>$PATH</c> when the root is <c>/</c>, else the standard Debian PATH.
    /// </summary>
    public IReadOnlyList<string>? SearchPath { get; init; }

    /// <summary>pyenv's directory inside the root. Default: <c>$PYENV_ROOT</c> when the root is <c>/</c>, else <c>~/.pyenv</c>.</summary>
    public string? PyenvRoot { get; init; }

    /// <summary>The version pyenv is forced to. Default: <c>$PYENV_VERSION</c> when the root is <c>/</c>, else none.</summary>
    public string? PyenvVersion { get; init; }

    /// <summary>rbenv's directory inside the root. Default: <c>$RBENV_ROOT</c> when the root is <c>/</c>, else <c>~/.rbenv</c>.</summary>
    public string? RbenvRoot { get; init; }

    /// <summary>The version rbenv is forced to. Default: <c>$RBENV_VERSION</c> when the root is <c>/</c>, else none.</summary>
    public string? RbenvVersion { get; init; }

    internal VersionManager Pyenv => VersionManager.Resolve("pyenv", PyenvRoot, PyenvVersion, this);

    internal VersionManager Rbenv => VersionManager.Resolve("rbenv", RbenvRoot, RbenvVersion, this);

    internal string ResolvedHome => Home
        ?? (Root == "/" ? Environment.GetEnvironmentVariable("HOME") ?? "/root" : "/root");

    internal IReadOnlyList<string> ResolvedSearchPath => SearchPath
        ?? (Root == "/" && Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } path
            ? path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            : ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
}
