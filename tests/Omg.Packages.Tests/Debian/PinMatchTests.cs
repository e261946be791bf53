using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

/// <summary>The parts of a <c>Pin: release</c> line the apt-parity fixtures do not reach.</summary>
public sealed class PinMatchTests
{
    private static ListFile List(string releaseVersion) =>
        new("/l/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", ListFileKind.Packages, "bookworm/main", 500)
        {
            Release = new ReleaseInfo("bookworm", 500) { Version = releaseVersion, Archive = "stable", Codename = "bookworm", Origin = "Debian" },
        };

    [Theory]
    [InlineData("release v=12*", "12.5", true)]     // trailing '*': a prefix
    [InlineData("release v=12*", "13.1", false)]
    [InlineData("release 12*", "12.5", true)]       // a bare number is the release version
    [InlineData("release v=12.5", "12.5", true)]
    [InlineData("release v=12", "12.5", false)]     // without '*' the version is exact
    [InlineData("release o=debian, a=stable", "12.5", true)] // values compare case-insensitively
    [InlineData("release a=stable, a=oldstable", "12.5", false)] // of two of a kind the last counts
    [InlineData("release n=/^book/", "12.5", true)]
    public void Release_conditions_match_as_apt_matches_them(string pin, string releaseVersion, bool matches)
    {
        var match = PinMatch.Parse(pin, specific: false, out var error);
        Assert.Null(error);
        Assert.Equal(matches, match!.MatchesFile(List(releaseVersion)));
    }
}
