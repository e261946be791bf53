using System.Text;
using Omg.Packages.Runtimes;

namespace Omg.Packages.Tests.Runtimes;

public sealed class RustFinderTests
{
    [Theory]
    [InlineData("[pkg.rustc]\nversion = \"1.95.0 (59807616e 2026-04-14)\"\n", "1.95.0")]
    [InlineData("[pkg.cargo]\nversion = \"0.96.0 (x)\"\n\n[pkg.rustc]\nversion = \"1.95.0 (y)\"\n", "1.95.0")]
    [InlineData("[pkg.rustc]\r\nversion=\"1.80.1\"", "1.80.1")]
    [InlineData("[pkg.rustc]  \n\nversion\t=  \"1.70.0-nightly (z)\"", "1.70.0-nightly")]
    [InlineData("[pkg.rustc]\nversion = \"1.95.0", "1.95.0")]
    public void RustcVersionIsTheFirstWordOfTheSectionsVersion(string manifest, string expected) =>
        Assert.Equal(expected, RustFinder.RustcVersion(Encoding.UTF8.GetBytes(manifest)));

    [Theory]
    [InlineData("")]
    [InlineData("[pkg.cargo]\nversion = \"0.96.0\"\n")]
    [InlineData("[pkg.rustc] version = \"1.95.0\"")]
    [InlineData("[pkg.rustc]\ngit_commit_hash = \"abc\"\nversion = \"1.95.0\"")]
    [InlineData("[pkg.rustc]\nversion = 1.95.0")]
    [InlineData("[pkg.rustc]\nversion = \"\"")]
    [InlineData("[pkg.rustc]\n")]
    [InlineData("[pkg.rustc]\n  version = \"1.95.0\"")]
    public void WithoutThatLineThereIsNoVersion(string manifest) =>
        Assert.Null(RustFinder.RustcVersion(Encoding.UTF8.GetBytes(manifest)));
}
