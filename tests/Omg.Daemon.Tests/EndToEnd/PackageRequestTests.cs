using System.Diagnostics;
using Omg.Daemon.Tests.Support;
using Omg.Packages.Tests.Debian;
using Omg.Protocol;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.EndToEnd;

/// <summary>omgd with its real package backend, over the socket, checked against apt and dpkg.</summary>
public sealed class PackageRequestTests
{
    private static async Task<T> ResultAsync<T>(RawConnection connection, Request request)
        where T : ResponseResult
    {
        Response response = await connection.CallAsync(request);
        return Assert.IsType<T>(Assert.IsType<SuccessResponse>(response).Result);
    }

    private static int DpkgInstalledCount(string root)
    {
        var start = new ProcessStartInfo("dpkg-query", ["--admindir=" + Path.Combine(root, "var/lib/dpkg"), "-W", "-f=${db:Status-Abbrev}\n"])
        {
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        // dpkg -l counts a package as installed unless it is not-installed (n) or config-files (c).
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Length > 1 && line[1] is not 'n' and not 'c');
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("outdated")]
    public async Task Status_equals_what_apt_and_dpkg_report_for_a_fixture_root(string name)
    {
        string root = Fixtures.Root(name);
        await using BackendDaemon daemon = await BackendDaemon.StartAsync(root);
        await using RawConnection connection = await daemon.ConnectAsync();
        StatusResult status = await ResultAsync<StatusResult>(connection, new StatusRequest(1));
        using var apt = new AptOracle(root);
        Assert.Equal((ulong)apt.Upgradable().Count, status.UpdatesAvailable);
        Assert.Equal((ulong)apt.Manual().Count, status.ExplicitPackages);
        Assert.Equal((ulong)apt.Orphans().Count, status.OrphanPackages);
        Assert.Equal((ulong)DpkgInstalledCount(root), status.TotalPackages);
        Assert.Empty(status.Problems);

        // The packages behind the counts, by name, as apt lists them.
        Assert.Equal(apt.Upgradable().Order(StringComparer.Ordinal), status.Upgradable);
        Assert.Equal(apt.Orphans().Order(StringComparer.Ordinal), status.Orphans);
        Assert.NotEmpty(status.Upgradable);
    }

    [Fact]
    public async Task Status_equals_what_apt_and_dpkg_report_for_this_machine()
    {
        await using BackendDaemon daemon = await BackendDaemon.StartAsync("/");
        await using RawConnection connection = await daemon.ConnectAsync();
        StatusResult status = await ResultAsync<StatusResult>(connection, new StatusRequest(1));
        using var apt = new AptOracle("/");
        Assert.Equal((ulong)apt.Upgradable().Count, status.UpdatesAvailable);
        Assert.Equal((ulong)apt.Manual().Count, status.ExplicitPackages);
        Assert.Equal((ulong)apt.Orphans().Count, status.OrphanPackages);
        Assert.Equal(apt.Upgradable().Order(StringComparer.Ordinal), status.Upgradable);
        Assert.Equal(apt.Orphans().Order(StringComparer.Ordinal), status.Orphans);
        Assert.Equal((ulong)DpkgInstalledCount("/"), status.TotalPackages);
        Assert.NotEmpty(status.RuntimeVersions);
    }

    [Theory]
    [InlineData("vim")]
    [InlineData("editor")]
    [InlineData("ssl")]
    [InlineData("zstd")]
    public async Task Search_finds_every_package_apt_cache_search_finds_on_this_machine(string word)
    {
        await using BackendDaemon daemon = await BackendDaemon.StartAsync("/");
        await using RawConnection connection = await daemon.ConnectAsync();
        SearchResult result = await ResultAsync<SearchResult>(connection, new SearchRequest(1, word, 1000));
        var ours = result.Packages.Where(p => p.Source == "apt").Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        var start = new ProcessStartInfo("apt-cache", ["search", "--", word]) { RedirectStandardOutput = true };
        start.Environment["LC_ALL"] = "C";
        using Process process = Process.Start(start)!;
        string[] theirs = process.StandardOutput.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(" - ", 2)[0])
            .ToArray();
        process.WaitForExit();
        Assert.NotEmpty(theirs);
        string[] missed = theirs.Where(name => !ours.Contains(name)).ToArray();
        Assert.True(missed.Length == 0, $"omg search {word} misses what apt-cache finds: {string.Join(", ", missed)}");
        Assert.Equal((ulong)result.Packages.Count, Math.Min(result.Total, 1000UL));
    }

    [Fact]
    public async Task Search_info_and_suggest_answer_from_the_fixture_root()
    {
        await using BackendDaemon daemon = await BackendDaemon.StartAsync(Fixtures.Root("basic"));
        await using RawConnection connection = await daemon.ConnectAsync();

        SearchResult search = await ResultAsync<SearchResult>(connection, new SearchRequest(1, "vim", 2));
        Assert.Equal("vim", search.Packages[0].Name);
        Assert.Equal(2, search.Packages.Count);
        Assert.True(search.Total > 2);

        DetailedPackageInfo vim = await ResultAsync<DetailedPackageInfo>(connection, new InfoRequest(2, "vim"));
        Assert.Equal("apt", vim.Source);
        Assert.NotNull(vim.InstalledVersion);
        Assert.StartsWith("bookworm", vim.Repo, StringComparison.Ordinal);
        Assert.True(vim.Size > 0);
        Assert.NotEmpty(vim.Depends);

        var missing = Assert.IsType<ErrorResponse>(await connection.CallAsync(new InfoRequest(3, "vmi")));
        Assert.Equal(ErrorCodes.PackageNotFound, missing.Code);
        Assert.Contains("did you mean vim", missing.Message, StringComparison.Ordinal);

        SuggestResult suggest = await ResultAsync<SuggestResult>(connection, new SuggestRequest(4, "opnessl", 3));
        Assert.Contains("openssl", suggest.Names);
    }

    [Fact]
    public async Task Search_for_installed_packages_counts_only_them()
    {
        await using BackendDaemon daemon = await BackendDaemon.StartAsync(Fixtures.Root("basic"));
        await using RawConnection connection = await daemon.ConnectAsync();

        SearchResult all = await ResultAsync<SearchResult>(connection, new SearchRequest(1, "vim", 1000));
        SearchResult installed = await ResultAsync<SearchResult>(connection, new SearchRequest(2, "vim", 1000, Installed: true));
        Assert.Contains(all.Packages, p => !p.Installed);
        Assert.Equal(all.Packages.Where(p => p.Installed).Select(p => p.Name), installed.Packages.Select(p => p.Name));
        Assert.Equal((ulong)installed.Packages.Count, installed.Total);
    }

    [Fact]
    public async Task Status_and_search_follow_a_change_to_the_dpkg_status_file_within_two_seconds()
    {
        using TempRoot copy = Fixtures.CopyRoot("basic");
        await using BackendDaemon daemon = await BackendDaemon.StartAsync(copy.Path);
        await using RawConnection connection = await daemon.ConnectAsync();
        StatusResult before = await ResultAsync<StatusResult>(connection, new StatusRequest(1));

        // dpkg writes status-new and renames it over status; do the same with one more package.
        string status = copy.File("var/lib/dpkg/status");
        string added = """

            Package: omg-freshness-probe
            Status: install ok installed
            Priority: optional
            Section: misc
            Installed-Size: 4
            Maintainer: Omg <omg@example.org>
            Architecture: all
            Version: 1.0
            Description: probe package added by the freshness test
            """;
        await File.WriteAllTextAsync(status + "-new", (await File.ReadAllTextAsync(status)).TrimEnd('\n') + "\n" + added.TrimEnd() + "\n");
        File.Move(status + "-new", status, overwrite: true);

        // How soon omgd catches up is the packages benchmark's figure; here it must catch up at all.
        (StatusResult After, SearchResult Found) seen = await Eventually.ValueAsync(
            async () => (After: await ResultAsync<StatusResult>(connection, new StatusRequest(2)), Found: await ResultAsync<SearchResult>(connection, new SearchRequest(3, "freshness-probe"))),
            s => s.After.TotalPackages == before.TotalPackages + 1 && s.Found.Total == 1);

        Assert.Equal(before.TotalPackages + 1, seen.After.TotalPackages);
        Assert.Equal("omg-freshness-probe", Assert.Single(seen.Found.Packages).Name);
    }
}
