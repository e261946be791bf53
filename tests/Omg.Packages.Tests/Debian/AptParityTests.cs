using System.Diagnostics;
using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

/// <summary>The three sets apt computes, checked against apt itself on the fixture roots and on this machine.</summary>
public sealed class AptParityTests
{
    [Theory]
    [InlineData("basic")]
    [InlineData("outdated")]
    public void FixtureSetsMatchApt(string name)
    {
        var root = Fixtures.Root(name);
        var database = DebianDatabase.Load(root, CancellationToken.None);
        Assert.Empty(database.Problems);
        using var apt = new AptOracle(root);
        var upgradable = apt.Upgradable();
        var manual = apt.Manual();
        var orphans = apt.Orphans();
        // The fixtures are built so that none of the sets is trivially empty.
        Assert.NotEmpty(upgradable);
        Assert.NotEmpty(manual);
        Assert.NotEmpty(orphans);
        Assert.Equal(upgradable, database.Upgradable());
        Assert.Equal(manual, database.Manual());
        Assert.Equal(orphans, database.Orphans());
    }

    [Fact]
    public void OutdatedRootExercisesMultiArchAndRoots()
    {
        var database = DebianDatabase.Load(Fixtures.Root("outdated"), CancellationToken.None);
        var orphans = database.Orphans();
        Assert.Contains("libgcc-s1:i386", orphans);
        Assert.Contains("libfoo1", orphans);          // older source version of a provider
        Assert.DoesNotContain("libfoo2", orphans);
        Assert.Contains("alt-old", orphans);          // unsatisfied versioned alternative
        Assert.Contains("sug-dep", orphans);          // SuggestsImportant false in this root
        Assert.DoesNotContain("rec-dep", orphans);
        Assert.DoesNotContain("dash", orphans);       // Multi-Arch: foreign, needed by wine32:i386
        Assert.DoesNotContain("nano", orphans);       // held
        Assert.DoesNotContain("prot-dep", orphans);   // needed by a Protected package
        Assert.DoesNotContain("linux-image-amd64", orphans); // APT::NeverAutoRemove
        Assert.Contains("linux-image-6.1.0-20-amd64", orphans); // neither latest nor previous kernel
        Assert.Contains("linux-headers-6.1.0-20-amd64", orphans);
        Assert.DoesNotContain("linux-image-6.1.0-25-amd64", orphans); // previous kernel is protected
        Assert.DoesNotContain("linux-headers-6.1.0-25-amd64", orphans);
        Assert.Contains("libc6:i386", database.Upgradable());
        Assert.DoesNotContain("bpo-only", database.Upgradable()); // ButAutomaticUpgrades: priority 100
        Assert.DoesNotContain("tilde-pkg", database.Upgradable());
        Assert.DoesNotContain("local-pkg", database.Upgradable());
        Assert.Contains("epoch-pkg", database.Upgradable());
        Assert.Contains("wine32:i386", database.Manual());
    }

    [Fact]
    public void BootedKernelIsProtectedInsteadOfThePreviousOne()
    {
        var database = DebianDatabase.Load(Fixtures.Root("outdated"), CancellationToken.None);
        var regex = new System.Text.RegularExpressions.Regex(
            KernelProtection.ProtectedRegex(database.Installed.Values, ["linux-.*", ".*-modules"], "6.1.0-20-amd64", enabled: true)!);
        Assert.Matches(regex, "linux-image-6.1.0-20-amd64");   // booted
        Assert.Matches(regex, "linux-headers-6.1.0-20-amd64");
        Assert.Matches(regex, "linux-image-6.1.0-28-amd64");   // latest
        Assert.DoesNotMatch(regex, "linux-image-6.1.0-25-amd64"); // two kept already
        Assert.Null(KernelProtection.ProtectedRegex(database.Installed.Values, ["linux-.*"], null, enabled: false));
        Assert.Equal("6.1.0-28-amd64", KernelProtection.UnameOf("linux-image-6.1.0-28-amd64"));
        Assert.Null(KernelProtection.UnameOf("linux-image-amd64"));
        Assert.Null(KernelProtection.UnameOf("linux-image-6.1.0-28-amd64-dbg"));
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("outdated")]
    public void TotalMatchesDpkgQuery(string name)
    {
        var root = Fixtures.Root(name);
        var counts = new DebianPackageSource(root).Load(CancellationToken.None).Counts!;
        Assert.Equal(DpkgInstalledCount(Path.Combine(root, "var/lib/dpkg")), counts.TotalPackages);
    }

    [Fact]
    public void BasicCountsAreAsDesigned()
    {
        var counts = new DebianPackageSource(Fixtures.Root("basic")).Load(CancellationToken.None).Counts!;
        // 29 installed paragraphs (incl. half-configured, unpacked, triggers-pending), not config-files/not-installed.
        Assert.Equal(
            new SystemCounts(29, 10, 4, 7)
            {
                Upgradable = ["curl", "libc6", "libcurl4", "libnghttp2-14", "libssl3", "openssl", "tzdata"],
                Orphans = ["libfuse2", "netbase", "python3-six", "vim-tiny"],
            },
            counts);
    }

    [Fact]
    public void LiveRootMatchesApt()
    {
        // Without dpkg or apt's lists both sides would be empty and agree about nothing: say why instead.
        Assert.True(File.Exists("/var/lib/dpkg/status"), "this test compares omg with dpkg and apt on a Debian system: /var/lib/dpkg/status is missing");
        Assert.True(
            Directory.Exists("/var/lib/apt/lists") && Directory.GetFiles("/var/lib/apt/lists", "*_Packages*").Length > 0,
            "this machine has no apt lists, so the upgradable sets would both be empty: run 'apt-get update' first");

        // Colleagues' processes may install packages meanwhile: one retry absorbs a change between the two reads.
        for (var attempt = 0; ; attempt++)
        {
            using var apt = new AptOracle("/");
            var expected = (apt.Upgradable(), apt.Manual(), apt.Orphans(), DpkgInstalledCount("/var/lib/dpkg"));
            var database = DebianDatabase.Load("/", CancellationToken.None);
            var actual = (database.Upgradable(), database.Manual(), database.Orphans(), database.Installed.Count);
            if (attempt == 1 || Same(expected, actual))
            {
                Assert.Equal(expected.Item1, actual.Item1);
                Assert.Equal(expected.Item2, actual.Item2);
                Assert.Equal(expected.Item3, actual.Item3);
                Assert.Equal(expected.Item4, actual.Item4);
                return;
            }
        }
    }

    private static bool Same((List<string>, List<string>, List<string>, int) a, (List<string>, List<string>, List<string>, int) b) =>
        a.Item1.SequenceEqual(b.Item1) && a.Item2.SequenceEqual(b.Item2) && a.Item3.SequenceEqual(b.Item3) && a.Item4 == b.Item4;

    // dpkg-query's second status letter: H U F W t i are the installed states; n and c are not.
    private static int DpkgInstalledCount(string adminDir)
    {
        var start = new ProcessStartInfo("dpkg-query", ["--admindir=" + adminDir, "-W", "-f=${db:Status-Abbrev}\\n"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n').Count(l => l.Length >= 2 && "HUFWti".Contains(l[1]));
    }
}
