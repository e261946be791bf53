using Omg.Audit.Matching;
using Omg.Audit.Sources;
using Omg.Tests.Shared;

namespace Omg.Audit.Tests;

public sealed class MatchingTests
{
    private static async Task<(AuditService Service, AuditReport Report)> AuditFixtureAsync(TestPaths paths)
    {
        var service = new AuditService(new AuditServiceOptions { Root = AuditFixtures.Root(paths), StoreDirectory = Path.Combine(paths.Directory, "store") });
        await service.LoadStoreAsync(CancellationToken.None);
        await service.ImportAsync(AuditFixtures.Tracker, CancellationToken.None);
        await service.ImportAsync(AuditFixtures.Osv, CancellationToken.None);
        return (service, service.Audit(1, () => [])!);
    }

    private static IEnumerable<(string Package, string Id)> Pairs(AuditReport report) =>
        report.Packages.SelectMany(p => p.Findings.Select(f => (p.Package, f.Advisory.Id)));

    [Fact]
    public async Task Fixture_root_findings_are_exactly_the_affected_ones()
    {
        using var paths = new TestPaths();
        (AuditService service, AuditReport report) = await AuditFixtureAsync(paths);
        using (service)
        {
            (string, string)[] expected =
            [
                ("curl", "CVE-2025-0167"),
                ("less", "CVE-2022-46663"),
                ("libcurl4", "CVE-2025-0167"),
                ("libssl3", "CVE-2024-9143"),
                ("libtinfo6", "DEBIAN-CVE-2023-50495"),
                ("openssl", "CVE-2024-9143"),
                ("vim", "CVE-2023-48231"),
                ("vim-common", "CVE-2023-48231"),
                ("vim-runtime", "CVE-2023-48231"),
                ("vim-tiny", "CVE-2023-48231"),
                ("xxd", "CVE-2023-48231"),
                ("zlib1g", "CVE-2023-45853"),
            ];
            Assert.Equal(expected, Pairs(report).ToArray());
            Assert.Equal(12, report.Total);
        }
    }

    [Fact]
    public async Task Binaries_map_to_their_source_package_and_version()
    {
        using var paths = new TestPaths();
        (AuditService service, AuditReport report) = await AuditFixtureAsync(paths);
        using (service)
        {
            Finding libssl = Assert.Single(report.Packages.Single(p => p.Package == "libssl3").Findings);
            Assert.Equal("openssl", libssl.SourcePackage);
            Assert.Equal("3.0.15-1~deb12u1", libssl.InstalledVersion);
            Assert.Equal("3.0.16-1~deb12u1", libssl.FixedVersion);
            Assert.Equal("Debian:bookworm", libssl.Ecosystem);

            // libgpm2 1.20.7-10+b1 is a binNMU of source gpm 1.20.7-10, which is the fixed version.
            Assert.DoesNotContain(report.Packages, p => p.Package == "libgpm2");
        }
    }

    [Fact]
    public async Task Tilde_and_epoch_ordering_decide_affected_versus_fixed()
    {
        using var paths = new TestPaths();
        (AuditService service, AuditReport report) = await AuditFixtureAsync(paths);
        using (service)
        {
            // less 590-2.1~deb12u2: after the ~deb12u1 fix, before 590-2.1.
            Assert.Equal(["CVE-2022-46663"], report.Packages.Single(p => p.Package == "less").Findings.Select(f => f.Advisory.Id));

            // vim 2:9.0.1378-2: epoch 2 is above 9.1.0-1 (epoch 0), below 2:9.0.1378-2+deb12u1.
            Assert.Equal(["CVE-2023-48231"], report.Packages.Single(p => p.Package == "vim").Findings.Select(f => f.Advisory.Id));
        }
    }

    [Fact]
    public async Task Config_files_only_packages_and_other_releases_are_ignored()
    {
        using var paths = new TestPaths();
        (AuditService service, AuditReport report) = await AuditFixtureAsync(paths);
        using (service)
        {
            Assert.DoesNotContain(report.Packages, p => p.Package == "oldpkg");
            Assert.DoesNotContain(report.Packages, p => p.Package == "tar");
            Assert.DoesNotContain(report.Packages, p => p.Package == "libc6");
            Assert.True(report.Packages.Single(p => p.Package == "zlib1g").Findings[0].Undetermined);
        }
    }

    [Fact]
    public void Status_parsing_keeps_packages_with_files_and_drops_config_files()
    {
        IReadOnlyList<InstalledComponent> installed = DpkgStatusReader.Parse("""
            Package: a
            Status: install ok installed
            Source: src-a (1.0-1)
            Version: 1.0-1+b2
            Description: x
             continuation: not a field

            Package: b
            Status: deinstall ok config-files
            Version: 2.0

            Package: c
            Status: install ok half-configured
            Version: 3.0
            """);
        Assert.Equal(2, installed.Count);
        Assert.Equal(new InstalledComponent("a", "1.0-1+b2", "src-a", "1.0-1", InstalledComponent.Distro), installed[0]);
        Assert.Equal("c", installed[1].Package);
    }

    [Fact]
    public void Npm_and_PyPI_packages_match_their_ecosystems()
    {
        AdvisorySet set = SourceReader.Read(AuditFixtures.Osv, "osv");
        AdvisoryDatabase database = AdvisoryDatabase.From([set], 1);
        InstalledComponent[] components =
        [
            new("minimist", "1.2.5", "minimist", "1.2.5", "npm"),
            new("minimist-old", "0.2.4", "minimist", "0.2.4", "npm"),
            new("requests", "2.30.0", "requests", "2.30.0", "PyPI"),
            new("ncurses-as-npm", "6.0.0", "ncurses", "6.0.0", "npm"),
        ];
        AuditReport report = AuditMatcher.Match(database, OsRelease.Parse("ID=debian\nVERSION_ID=\"12\"\n"), components);
        Finding minimist = Assert.Single(report.Packages.Single(p => p.Package == "minimist").Findings);
        Assert.Equal("1.2.6", minimist.FixedVersion);
        Assert.Equal("critical", minimist.Severity);
        Finding requests = Assert.Single(report.Packages.Single(p => p.Package == "requests").Findings);
        Assert.Equal("medium", requests.Severity);
        Assert.DoesNotContain(report.Packages, p => p.Package is "minimist-old" or "ncurses-as-npm");
    }

    [Theory]
    [InlineData("Debian:12", true)]
    [InlineData("Debian:bookworm", true)]
    [InlineData("Debian:11", false)]
    [InlineData("Debian:bullseye", false)]
    [InlineData("Ubuntu:22.04", false)]
    public void Release_matching(string ecosystem, bool matches) =>
        Assert.Equal(matches, OsRelease.Parse(File.ReadAllText(Path.Combine(AuditFixtures.Advisories, "os-release"))).Matches(ecosystem));

    [Theory]
    [InlineData("Ubuntu:22.04:LTS", true)]
    [InlineData("Ubuntu:22.04", true)]
    [InlineData("Ubuntu:20.04:LTS", false)]
    [InlineData("Ubuntu:jammy", true)]
    public void Ubuntu_release_matching(string ecosystem, bool matches) =>
        Assert.Equal(matches, OsRelease.Parse("ID=ubuntu\nVERSION_ID=\"22.04\"\nVERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\nVERSION_CODENAME=jammy\n").Matches(ecosystem));
}
