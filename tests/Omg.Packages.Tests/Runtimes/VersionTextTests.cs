using System.Text.RegularExpressions;
using Omg.Packages.Runtimes;
using Xunit;

namespace Omg.Packages.Tests.Runtimes;

public sealed class VersionTextTests
{
    // The patterns the readers implemented before they were written by hand; kept here as the oracle.
    private static string? DefineOracle(string text, string name)
    {
        var m = Regex.Match(text, $@"^[ \t]*#[ \t]*define[ \t]+{Regex.Escape(name)}[ \t]+""?([^""\s]+)""?", RegexOptions.Multiline);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static string? AssignmentOracle(string text, string key)
    {
        var m = Regex.Match(text, $@"^{Regex.Escape(key)}[ \t]*=[ \t]*""?([^""\r\n]*)""?", RegexOptions.Multiline);
        return m.Success ? m.Groups[1].Value.Trim() : null;
    }

    [Theory]
    [InlineData("#define PY_VERSION \"3.11.2\"\n", "PY_VERSION", "3.11.2")]
    [InlineData("/* Python */\n#define PY_MAJOR_VERSION 3\n#define PY_VERSION      \"3.12.0rc1\"\r\n", "PY_VERSION", "3.12.0rc1")]
    [InlineData("  #  define   NODE_MAJOR_VERSION 20\n", "NODE_MAJOR_VERSION", "20")]
    [InlineData("#define NODE_MINOR_VERSION 11\r\n#define NODE_PATCH_VERSION 1\r\n", "NODE_MINOR_VERSION", "11")]
    [InlineData("#define PY_VERSION_HEX 0x030B02F0\n", "PY_VERSION", null)]
    [InlineData("#define PY_VERSION\n", "PY_VERSION", null)]
    [InlineData("#undef PY_VERSION\n#define PY_VERSION \"3.9\"", "PY_VERSION", "3.9")]
    [InlineData("// #define PY_VERSION \"2.7\"\n", "PY_VERSION", null)]
    [InlineData("#definePY_VERSION \"1\"\n", "PY_VERSION", null)]
    [InlineData("#define PY_VERSION \"3.1\" /* comment */\n#define PY_VERSION \"4\"\n", "PY_VERSION", "3.1")]
    [InlineData("", "PY_VERSION", null)]
    public void Define_reads_the_first_matching_define(string header, string name, string? expected)
    {
        Assert.Equal(expected, VersionText.Define(header, name));
        Assert.Equal(DefineOracle(header, name), VersionText.Define(header, name));
    }

    [Theory]
    [InlineData("IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.8\"\n", "JAVA_VERSION", "17.0.8")]
    [InlineData("JAVA_VERSION_DATE=\"2023-07-18\"\nJAVA_VERSION=\"21\"\r\n", "JAVA_VERSION", "21")]
    [InlineData("JAVA_VERSION = 11.0.20 \n", "JAVA_VERSION", "11.0.20")]
    [InlineData(" JAVA_VERSION=\"1.8\"\n", "JAVA_VERSION", null)]
    [InlineData("JAVA_VERSION_DATE=\"2023-07-18\"\n", "JAVA_VERSION", null)]
    [InlineData("JAVA_VERSION=\"\"\n", "JAVA_VERSION", "")]
    [InlineData("JAVA_VERSION=\"17\" # from the build\n", "JAVA_VERSION", "17")]
    [InlineData(null, "JAVA_VERSION", null)]
    public void Assignment_reads_the_first_matching_line(string? text, string key, string? expected)
    {
        Assert.Equal(expected, VersionText.Assignment(text, key));
        if (text is not null)
        {
            Assert.Equal(AssignmentOracle(text, key), VersionText.Assignment(text, key));
        }
    }
}
