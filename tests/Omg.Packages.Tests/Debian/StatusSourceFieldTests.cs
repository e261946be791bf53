using System.Text;
using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

/// <summary>
/// The Source field of an installed package, <c>NAME</c> or <c>NAME (VERSION)</c>, as a damaged status file may
/// hold it: found by the status fuzz target (docs/fuzzing.md), where a ')' before the '(' threw out of the whole load.
/// </summary>
public sealed class StatusSourceFieldTests
{
    [Theory]
    [InlineData("foo (1.0-1)", "foo", "1.0-1")]
    [InlineData("foo", "foo", "2.0-1")]
    [InlineData("foo) (1.0-1", "foo)", "1.0-1")]
    [InlineData("foo) (1.0-1)", "foo)", "1.0-1")]
    [InlineData(")(", ")", "2.0-1")]
    public void A_source_field_gives_a_name_and_version_whatever_its_parentheses(string source, string name, string version)
    {
        byte[] status = Encoding.UTF8.GetBytes($"Package: bar\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.0-1\nSource: {source}\n");
        var problems = new List<string>();
        List<FieldSpans> spans = StatusReader.ReadInstalled(status, "status", problems);
        Dictionary<string, InstalledPackage> installed = StatusReader.Build(status, spans, new DebianArchitectures("amd64", []), new NamePool(), "status", problems);

        InstalledPackage bar = installed["bar"];
        Assert.Equal(name, bar.SourceName);
        Assert.Equal(version, bar.SourceVersion);
        Assert.Empty(problems);
    }
}
