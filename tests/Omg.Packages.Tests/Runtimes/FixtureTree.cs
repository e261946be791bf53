namespace Omg.Packages.Tests.Runtimes;

/// <summary>A filesystem root in a temp directory that tests fill with files and symlinks.</summary>
public sealed class FixtureTree : IDisposable
{
    public FixtureTree() => Root = Directory.CreateTempSubdirectory("omg-root-").FullName;

    public string Root { get; }

    public string Host(string path) => Root + path;

    public FixtureTree File(string path, string content = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Host(path))!);
        System.IO.File.WriteAllText(Host(path), content);
        return this;
    }

    public FixtureTree Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Host(path))!);
        System.IO.File.CreateSymbolicLink(Host(path), target);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, true);
}
