namespace Omg.Packages.Tests.Debian;

/// <summary>Locates the fixture files copied beside the test assembly.</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string Root(string name) => Path.Combine(Directory, "roots", name);

    public static string Compression(string file) => Path.Combine(Directory, "compression", file);

    /// <summary>A private copy of a fixture root that a test may damage.</summary>
    public static TempRoot CopyRoot(string name)
    {
        var temp = new TempRoot();
        CopyDirectory(Root(name), temp.Path);
        return temp;
    }

    private static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var dir in System.IO.Directory.GetDirectories(from))
        {
            CopyDirectory(dir, System.IO.Path.Combine(to, System.IO.Path.GetFileName(dir)));
        }
    }
}

/// <summary>A temporary directory removed on dispose.</summary>
internal sealed class TempRoot : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "omg-debian-" + Guid.NewGuid().ToString("N"));

    public TempRoot() => Directory.CreateDirectory(Path);

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
