using Omg.Protocol.Messages;

namespace Omg.PowerShell.Tests;

public sealed class OutputMapperTests
{
    [Fact]
    public void Status_without_advisories_has_no_vulnerability_count()
    {
        var status = new StatusResult { TotalPackages = 3, SecurityVulnerabilities = 0, AdvisoriesLoaded = false };
        Assert.Null(OutputMapper.ToSystemStatus(status).SecurityVulnerabilities);
        Assert.Equal(0L, OutputMapper.ToSystemStatus(status with { AdvisoriesLoaded = true }).SecurityVulnerabilities);
    }

    [Fact]
    public void Status_runtime_tuples_become_objects_and_counters_signed_numbers()
    {
        var status = new StatusResult
        {
            TotalPackages = 1200,
            ExplicitPackages = 300,
            OrphanPackages = 4,
            UpdatesAvailable = 7,
            SecurityVulnerabilities = ulong.MaxValue,
            RuntimeVersions = [("python", "3.11.2"), ("node", "18.19.0")],
            Problems = ["apt lists are 40 days old"],
            AdvisoriesLoaded = true,
            Upgradable = ["curl", "libssl3:i386"],
            Orphans = ["linux-image-6.1.0-25-amd64"],
        };

        SystemStatus mapped = OutputMapper.ToSystemStatus(status);

        Assert.Equal(1200L, mapped.TotalPackages);
        Assert.Equal(300L, mapped.ExplicitPackages);
        Assert.Equal(4L, mapped.OrphanPackages);
        Assert.Equal(7L, mapped.UpdatesAvailable);
        Assert.Equal(long.MaxValue, mapped.SecurityVulnerabilities);
        Assert.Equal(["python", "node"], mapped.RuntimeVersions.Select(r => r.Name));
        Assert.Equal(["3.11.2", "18.19.0"], mapped.RuntimeVersions.Select(r => r.Version));
        Assert.Equal("python 3.11.2", mapped.RuntimeVersions[0].ToString());
        Assert.Equal(["apt lists are 40 days old"], mapped.Problems);
        Assert.True(mapped.AdvisoriesLoaded);
        Assert.Equal(["curl", "libssl3:i386"], mapped.Upgradable);
        Assert.Equal(["linux-image-6.1.0-25-amd64"], mapped.Orphans);
    }

    [Fact]
    public void Package_details_keep_sizes_as_numbers_and_lists_as_string_arrays()
    {
        var info = new DetailedPackageInfo
        {
            Name = "openssl",
            Version = "3.0.15-1",
            Description = "toolkit",
            Source = "apt",
            Url = "https://www.openssl.org",
            Size = 2_306_048,
            DownloadSize = 1_400_000,
            Repo = "bookworm/main",
            Depends = ["libc6", "libssl3"],
            Licenses = ["Apache-2.0"],
            InstalledVersion = "3.0.15-1",
            CandidateVersion = "3.0.16-1",
            Architecture = "amd64",
        };

        PackageDetail mapped = OutputMapper.ToPackageDetail(info);

        Assert.Equal("openssl", mapped.Name);
        Assert.Equal(2_306_048L, mapped.Size);
        Assert.Equal(1_400_000L, mapped.DownloadSize);
        Assert.Equal(["libc6", "libssl3"], mapped.Depends);
        Assert.Equal(["Apache-2.0"], mapped.Licenses);
        Assert.True(mapped.Installed);
        Assert.True(mapped.UpdateAvailable);
        Assert.Equal("amd64", mapped.Architecture);
        Assert.Equal("bookworm/main", mapped.Repo);
        Assert.Equal("https://www.openssl.org", mapped.Url);
        Assert.Equal("openssl", mapped.ToString());
    }

    [Fact]
    public void A_package_without_installed_version_is_not_installed_and_has_no_update()
    {
        PackageDetail mapped = OutputMapper.ToPackageDetail(new DetailedPackageInfo { Name = "curl", Version = "7.88", Description = "d", Source = "apt", CandidateVersion = "7.88" });
        Assert.False(mapped.Installed);
        Assert.False(mapped.UpdateAvailable);
        Assert.Null(mapped.InstalledVersion);
    }

    [Fact]
    public void Search_hits_runtimes_and_suggestions_map_field_by_field()
    {
        Package package = OutputMapper.ToPackage(new PackageInfo("vim", "2:9.0", "editor", "apt", true));
        Assert.Equal(("vim", "2:9.0", "editor", "apt", true), (package.Name, package.Version, package.Description, package.Source, package.Installed));

        Runtime runtime = OutputMapper.ToRuntime(new RuntimeInfo("python", "3.11.2", "/usr/bin/python3", "dpkg", true));
        Assert.Equal(("python", "3.11.2", "/usr/bin/python3", "dpkg", true), (runtime.Name, runtime.Version, runtime.Path, runtime.Manager, runtime.IsDefault));

        Suggestion[] suggestions = OutputMapper.ToSuggestions("vimm", ["vim", "vim-tiny"]).ToArray();
        Assert.Equal([(1, "vim"), (2, "vim-tiny")], suggestions.Select(s => (s.Rank, s.Name)));
        Assert.All(suggestions, s => Assert.Equal("vimm", s.Query));
    }

    [Fact]
    public void Daemon_metrics_map_to_a_reachable_daemon_with_its_pid()
    {
        var metrics = new MetricsResult
        {
            Version = "0.1.0",
            Pid = 4242,
            UptimeSeconds = 90,
            BytesIn = 10,
            Requests = [new RequestMetrics("Search", 3, 1, 120, 900)],
        };

        DaemonInfo info = OutputMapper.ToDaemonInfo("/tmp/s.sock", metrics, "running");

        Assert.True(info.Reachable);
        Assert.Equal(4242, info.Pid);
        Assert.Equal(90L, info.UptimeSeconds);
        Assert.Equal("running", info.State);
        Assert.Equal("/tmp/s.sock", info.Socket);
        RequestStatistic search = Assert.Single(info.Requests);
        Assert.Equal(("Search", 3L, 1L, 120L, 900L), (search.Name, search.Count, search.Failures, search.P50Micros, search.P99Micros));

        Assert.Null(OutputMapper.ToDaemonInfo("/s", metrics with { Pid = 0 }, "running").Pid);
        DaemonInfo gone = OutputMapper.Unreachable("/s", "not running");
        Assert.False(gone.Reachable);
        Assert.Null(gone.Pid);
    }
}
