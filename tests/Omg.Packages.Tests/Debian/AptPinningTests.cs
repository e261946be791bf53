using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

/// <summary>
/// Pinning (apt_preferences) checked against apt itself: the same fixture root with different preferences,
/// compared on <c>apt list --upgradable</c> and on <c>apt-cache policy</c>'s candidate for packages the pins
/// touch. Each case also asserts what the pins were written to do, so a case whose pins had no effect on
/// either side cannot pass by agreement alone.
/// </summary>
public sealed class AptPinningTests
{
    private static readonly string[] Watched =
        ["bpo-only", "old-lib1", "old-lib2", "old-lib5", "epoch-pkg", "libc6", "libc6:i386", "nano", "local-pkg", "tilde-pkg", "alt-b"];

    [Fact]
    public void A_general_pin_can_raise_a_whole_release()
    {
        var (upgradable, candidates) = CompareWithApt(preferences: """
            Explanation: backports as any other release
            Package: *
            Pin: release n=bookworm-backports
            Pin-Priority: 500
            """);
        Assert.Contains("bpo-only", upgradable);
        Assert.Equal("1.1-9~bpo12+1", candidates["old-lib1"]);
    }

    [Fact]
    public void Package_pins_by_name_glob_regex_architecture_origin_and_version()
    {
        var (upgradable, _) = CompareWithApt(preferences: """
            Package: epoch-pkg
            Pin: release *
            Pin-Priority: -1

            # comments may stand between and inside records
            Package: old-lib1*
             /^old-lib[2-4]$/
            # the glob and the regex (on a continuation line) hold back old-lib1, old-lib10, old-lib11, old-lib2 .. old-lib4
            Pin: release a=stable, c=main
            Pin-Priority: 90

            Package: libc6:any
            Pin: origin "deb.debian.org"
            Pin-Priority: 99

            Package: nano
            Pin: version 7.2-1+deb12u*
            Pin-Priority: 50
            """);
        Assert.DoesNotContain("epoch-pkg", upgradable);
        Assert.DoesNotContain("old-lib10", upgradable);
        Assert.DoesNotContain("old-lib3", upgradable);
        Assert.Contains("old-lib5", upgradable);
        Assert.DoesNotContain("libc6", upgradable);
        Assert.DoesNotContain("libc6:i386", upgradable);
        Assert.DoesNotContain("nano", upgradable);
    }

    [Fact]
    public void Source_package_pins_cover_the_binaries_of_that_source()
    {
        var (upgradable, _) = CompareWithApt(preferences: """
            Package: src:glibc
            Pin: release n=bookworm
            Pin-Priority: 50

            Package: src:g*:any
            Pin: version 12*
            Pin-Priority: -5
            """);

        // Native architecture only without ":any": libc6 is held back, libc6:i386 still upgrades.
        Assert.DoesNotContain("libc6", upgradable);
        Assert.Contains("libc6:i386", upgradable);
    }

    [Fact]
    public void A_pin_above_1000_downgrades()
    {
        var (upgradable, candidates) = CompareWithApt(preferences: """
            Package: local-pkg
            Pin: version 9.9-1
            Pin-Priority: 1001

            Package: tilde-pkg
            Pin: release n=bookworm
            Pin-Priority: 1001
            """);
        Assert.Equal("9.9-1", candidates["local-pkg"]);
        Assert.Equal("2.0~rc1-1", candidates["tilde-pkg"]);
        Assert.DoesNotContain("local-pkg", upgradable); // a downgrade is not an upgrade
    }

    [Fact]
    public void The_default_release_from_apt_conf_wins_over_other_lists()
    {
        var (upgradable, _) = CompareWithApt(preferences: null, aptConf: "APT::Default-Release \"bookworm-backports\";\n");
        Assert.Contains("bpo-only", upgradable);
    }

    [Fact]
    public void Broken_records_are_reported_and_skipped()
    {
        using var root = Fixtures.CopyRoot("outdated");
        Directory.CreateDirectory(root.File("etc/apt/preferences.d"));
        File.WriteAllText(root.File("etc/apt/preferences.d/broken.pref"), """
            Pin: release *
            Pin-Priority: 500

            Package: nano
            Pin: release n=bookworm
            """);
        File.WriteAllText(root.File("etc/apt/preferences.d/ignored.txt"), "Package: *\nPin: release *\nPin-Priority: -1\n");
        var database = DebianDatabase.Load(root.Path, CancellationToken.None);
        Assert.Contains(database.Problems, p => p.Contains("broken.pref", StringComparison.Ordinal) && p.Contains("no Package field", StringComparison.Ordinal));
        Assert.Contains(database.Problems, p => p.Contains("broken.pref", StringComparison.Ordinal) && p.Contains("Pin-Priority", StringComparison.Ordinal));

        // ignored.txt has an extension apt skips, so its -1 for everything must not apply.
        Assert.Contains("nano", database.Upgradable());
    }

    private static (List<string> Upgradable, Dictionary<string, string?> Candidates) CompareWithApt(string? preferences, string? aptConf = null)
    {
        using var root = Fixtures.CopyRoot("outdated");
        if (preferences is not null)
        {
            File.WriteAllText(root.File("etc/apt/preferences"), preferences + "\n");
        }

        if (aptConf is not null)
        {
            File.WriteAllText(root.File("etc/apt/apt.conf.d/50target"), aptConf);
        }

        var database = DebianDatabase.Load(root.Path, CancellationToken.None);
        Assert.Empty(database.Problems);
        using var apt = new AptOracle(root.Path);
        var upgradable = apt.Upgradable();
        Assert.Equal(upgradable, database.Upgradable());

        var candidates = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in Watched)
        {
            var ours = database.Installed.TryGetValue(key, out var installed)
                ? database.CandidateVersion(installed)
                : CandidatePolicy.Select(database.Available.GetValueOrDefault(key), null)?.Version;
            var theirs = apt.Candidate(key);
            Assert.True(theirs == ours, $"{key}: apt's candidate is {theirs ?? "(none)"}, ours {ours ?? "(none)"}");
            candidates[key] = ours;
        }

        return (upgradable, candidates);
    }
}
