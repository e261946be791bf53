using Omg.Packages.Runtimes;

namespace Omg.Packages.Tests.Runtimes;

public sealed class CoreMetadataTests
{
    [Theory]
    [InlineData("Home-page: https://a.example\nProject-URL: Homepage, https://b.example\n", "https://a.example")]
    [InlineData("Home-page: UNKNOWN\nProject-URL: Homepage, https://b.example\n", "https://b.example")]
    [InlineData("Project-URL: Documentation, https://docs.example\nProject-URL: Source, https://github.com/psf/requests\n", "https://github.com/psf/requests")]
    [InlineData("Project-URL: Bug Tracker, https://bugs.example\nProject-URL: Source Code, https://code.example\nProject-URL: Home-Page, https://home.example\n", "https://home.example")]
    [InlineData("Project-URL: Docs, https://docs.example\nProject-URL: Funding, https://fund.example\n", "https://docs.example")]
    [InlineData("Project-URL: Repository,https://repo.example\n", "https://repo.example")]
    [InlineData("Project-URL: Changelog, https://changes.example\nProject-URL: no comma here\n", "")]
    [InlineData("Name: x\n", "")]
    public void Homepage_prefers_the_home_page_then_the_source_then_the_documentation(string metadata, string expected) =>
        Assert.Equal(expected, CoreMetadata.Parse(metadata).Homepage());
}
