namespace Omg.Tests.Shared;

/// <summary>A private temporary directory per test, short enough for a socket path.</summary>
internal sealed class TestPaths : IDisposable
{
    public TestPaths()
    {
        Directory = Path.Combine("/tmp", "omgt-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Directory { get; }

    public string Socket => Path.Combine(Directory, "omg.sock");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
