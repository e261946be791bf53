namespace Omg.Packages.Tests.Index;

/// <summary>Builders for records and in-memory sources.</summary>
public static class Fake
{
    public static PackageRecord Package(string name, string description = "", string? longDescription = null,
        string[]? provides = null, string source = "apt", string? installed = null) =>
        new(name, source, installed, "1.0", description, longDescription, provides ?? [], "amd64", "",
            0, 0, "bookworm/main", [], installed is null ? "" : "installed");

    public static SourceLoadResult Result(params PackageRecord[] packages) => new(packages, [], null);
}
