using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

/// <summary>What pins match a list against: its site, component and architecture from apt's file name, and its release.</summary>
public sealed class ListFilePinFieldsTests
{
    [Fact]
    public void Site_component_architecture_and_release_come_from_the_name_and_the_release_file()
    {
        var lists = Path.Combine(Fixtures.Root("outdated"), "var/lib/apt/lists");
        var files = ListFile.Discover(lists, []);
        var i386 = Assert.Single(files, f => f.Path.EndsWith("binary-i386_Packages", StringComparison.Ordinal));
        Assert.Equal("deb.debian.org", i386.Site);
        Assert.Equal("main", i386.Component);
        Assert.Equal("i386", i386.Architecture);
        Assert.Equal("bookworm", i386.Release?.Codename);
        Assert.Equal("stable", i386.Release?.Archive);
        Assert.Equal("Debian", i386.Release?.Origin);

        var backports = Assert.Single(files, f => f.Path.Contains("bookworm-backports", StringComparison.Ordinal));
        Assert.Equal("amd64", backports.Architecture);
        Assert.Equal("Debian Backports", backports.Release?.Label);
        Assert.Equal(100, backports.Priority); // NotAutomatic with ButAutomaticUpgrades

        // A local (file:) repository's list name starts with '_': it has no site, which `Pin: origin ""` matches.
        Assert.Equal(string.Empty, new ListFile("/x/_srv_repo_dists_local_main_binary-amd64_Packages", ListFileKind.Packages, "local/main", 500).Site);
    }
}
