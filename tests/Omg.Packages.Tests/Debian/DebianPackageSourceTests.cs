using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

public sealed class DebianPackageSourceTests
{
    private static SourceLoadResult LoadBasic() => new DebianPackageSource(Fixtures.Root("basic")).Load(CancellationToken.None);

    private static PackageRecord Find(SourceLoadResult result, string name) => Assert.Single(result.Packages, p => p.Name == name);

    [Fact]
    public void OneRecordPerNameFromSourceApt()
    {
        var result = LoadBasic();
        Assert.Empty(result.Problems);
        Assert.Equal(result.Packages.Count, result.Packages.Select(p => p.Name).Distinct().Count());
        Assert.All(result.Packages, p => Assert.Equal("apt", p.Source));
        // 29 installed + 10 available-only names; config-files and not-installed paragraphs are not packages.
        Assert.Equal(39, result.Packages.Count);
        Assert.DoesNotContain(result.Packages, p => p.Name is "oldpkg" or "gone");
    }

    [Fact]
    public void UpgradableRecordCarriesCandidateFields()
    {
        var curl = Find(LoadBasic(), "curl");
        Assert.Equal("7.88.1-10+deb12u8", curl.InstalledVersion);
        Assert.Equal("7.88.1-10+deb12u12", curl.CandidateVersion);
        Assert.Equal("bookworm-security/main", curl.Repo);
        Assert.Equal(510 * 1024, curl.InstalledSize);
        Assert.Equal(315500, curl.DownloadSize);
        Assert.Equal("https://curl.se/", curl.Homepage);
        Assert.Equal(["libc6", "libcurl4", "zlib1g"], curl.Depends);
        Assert.Equal("installed", curl.State);
        Assert.Equal("amd64", curl.Architecture);
        Assert.Equal("command line tool for transferring data with URL syntax", curl.Description);
    }

    [Fact]
    public void InstalledRecordKeepsStatusDescriptionAndProvides()
    {
        var result = LoadBasic();
        var vim = Find(result, "vim");
        Assert.Equal("2:9.0.1378-2", vim.Version);
        Assert.Equal(vim.InstalledVersion, vim.CandidateVersion);
        // The status file has no Size: the download size comes from the list entry of the installed version.
        Assert.Equal(1567000, vim.DownloadSize);
        Assert.Equal("bookworm/main", vim.Repo);
        Assert.Equal(["editor"], vim.Provides);
        Assert.Equal(["vim-common", "vim-runtime", "libc6", "libgpm2", "libtinfo6"], vim.Depends);
        Assert.StartsWith("vim is a fixture package", vim.LongDescription);
        Assert.Contains("\n\n", vim.LongDescription);
        Assert.Equal("half-configured", Find(result, "man-db").State);
        Assert.Equal("all", Find(result, "vim-common").Architecture);
        Assert.Equal(["default-mta", "mail-transport-agent"], Find(result, "exim4-daemon-light").Provides.Order());
    }

    [Fact]
    public void AvailableOnlyRecordTakesLongDescriptionFromTranslations()
    {
        var nginx = Find(LoadBasic(), "nginx");
        Assert.Null(nginx.InstalledVersion);
        Assert.False(nginx.IsInstalled);
        Assert.Equal("1.22.1-9", nginx.Version);
        Assert.Equal(string.Empty, nginx.State);
        Assert.Equal(["httpd", "nginx-full"], nginx.Provides);
        Assert.StartsWith("nginx is a fixture package", nginx.LongDescription);
    }

    [Fact]
    public void LicensesComeFromDep5CopyrightFiles()
    {
        var source = new DebianPackageSource(Fixtures.Root("basic"));
        var result = source.Load(CancellationToken.None);
        Assert.Equal(["curl", "BSD-3-Clause"], source.ReadLicenses(Find(result, "curl")));
        Assert.Equal(["Apache-2.0"], source.ReadLicenses(Find(result, "openssl")));
        Assert.Empty(source.ReadLicenses(Find(result, "vim")));      // not DEP-5
        Assert.Empty(source.ReadLicenses(Find(result, "less")));     // no copyright file
        Assert.Empty(source.ReadLicenses(Find(result, "nginx")));    // not installed
    }

    [Fact]
    public void WatchPathsAreUnderTheRoot()
    {
        var root = Fixtures.Root("basic");
        Assert.Equal(
            [
                Path.Combine(root, "var/lib/dpkg/status"), Path.Combine(root, "var/lib/apt/extended_states"), Path.Combine(root, "var/lib/apt/lists"),
                Path.Combine(root, "etc/apt/preferences"), Path.Combine(root, "etc/apt/preferences.d"),
                Path.Combine(root, "etc/apt/sources.list"), Path.Combine(root, "etc/apt/sources.list.d"),
            ],
            new DebianPackageSource(root).WatchPaths);
    }

    [Fact]
    public void TruncatedAndCorruptListsAreReportedAndTheRestLoads()
    {
        using var root = Fixtures.CopyRoot("basic");
        var lists = root.File("var/lib/apt/lists");
        var security = Path.Combine(lists, "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.gz");
        var raw = File.ReadAllBytes(security);
        File.WriteAllBytes(security, raw[..(raw.Length / 2)]);
        var updates = Path.Combine(lists, "deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages.xz");
        var xz = File.ReadAllBytes(updates);
        xz[xz.Length / 2] ^= 0xFF;
        File.WriteAllBytes(updates, xz);
        File.WriteAllText(Path.Combine(lists, "deb.debian.org_debian_dists_bookworm_contrib_binary-amd64_Packages.bz2"), "BZh9");

        var result = new DebianPackageSource(root.Path).Load(CancellationToken.None);
        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Contains(security, StringComparison.Ordinal) && p.Contains("truncated", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains(updates, StringComparison.Ordinal) && p.Contains("corrupt", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains(".bz2", StringComparison.Ordinal) && p.Contains("unsupported compression", StringComparison.Ordinal));
        // The main list still loaded; without the security list curl has no newer candidate.
        var curl = Find(result, "curl");
        Assert.Equal("7.88.1-10+deb12u8", curl.CandidateVersion);
        // Every update lived in the two damaged lists.
        Assert.Equal(0, result.Counts!.UpdatesAvailable);
    }

    [Fact]
    public void MalformedStatusParagraphIsReportedWithItsLine()
    {
        using var root = Fixtures.CopyRoot("basic");
        var status = root.File("var/lib/dpkg/status");
        File.WriteAllText(status, "Package: broken\nno colon here\n\n" + File.ReadAllText(status) + "\nPackage: nostatus\nVersion: 1\n");
        var result = new DebianPackageSource(root.Path).Load(CancellationToken.None);
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains("line 1 (offset 0)", result.Problems[0]);
        Assert.Contains("line without a colon", result.Problems[0]);
        Assert.Contains("Status", result.Problems[1]);
        Assert.Equal(29, result.Counts!.TotalPackages);
    }

    [Fact]
    public void UnreadableStatusIsReportedNotThrown()
    {
        using var root = Fixtures.CopyRoot("basic");
        var status = root.File("var/lib/dpkg/status");
        File.Delete(status);
        // A directory in place of the file cannot be read, even by root.
        Directory.CreateDirectory(status);
        var result = new DebianPackageSource(root.Path).Load(CancellationToken.None);
        Assert.Contains(result.Problems, p => p.StartsWith(status, StringComparison.Ordinal) && p.Contains("unreadable", StringComparison.Ordinal));
        Assert.Equal(0, result.Counts!.TotalPackages);
        Assert.Contains(result.Packages, p => p.Name == "nginx");
    }

    [Fact]
    public void MissingRootGivesEmptyResultWithProblem()
    {
        var result = new DebianPackageSource("/nonexistent/omg-root").Load(CancellationToken.None);
        Assert.Empty(result.Packages);
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Contains("dpkg/status", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("apt/lists", StringComparison.Ordinal) && p.Contains("missing", StringComparison.Ordinal));
        Assert.Equal(new SystemCounts(0, 0, 0, 0), result.Counts);
    }

    [Fact]
    public void A_status_file_cut_short_loses_its_last_paragraph_and_says_so()
    {
        // What a status file cut off mid-write looks like: the last paragraph's Version ends early ("1.2" of "1.2.3-1").
        using var root = Fixtures.CopyRoot("basic");
        string status = root.File("var/lib/dpkg/status");
        File.AppendAllText(status, "\nPackage: cutpkg\nStatus: install ok installed\nArchitecture: amd64\nMaintainer: x <x@example.org>\nVersion: 1.2");
        var result = new DebianPackageSource(root.Path).Load(CancellationToken.None);
        Assert.DoesNotContain(result.Packages, p => p.Name == "cutpkg");
        Assert.Contains(result.Packages, p => p.Name == "vim" && p.IsInstalled);
        Assert.Contains(result.Problems, p => p.Contains("ends mid-line", StringComparison.Ordinal) && p.Contains("dpkg/status", StringComparison.Ordinal));
        Assert.Equal(new DebianPackageSource(Fixtures.Root("basic")).Load(CancellationToken.None).Counts, result.Counts);
    }

    [Fact]
    public void A_missing_lists_directory_is_a_problem_not_a_machine_without_updates()
    {
        using var root = Fixtures.CopyRoot("basic");
        Directory.Delete(root.File("var/lib/apt/lists"), recursive: true);
        var result = new DebianPackageSource(root.Path).Load(CancellationToken.None);
        Assert.NotEmpty(result.Packages);
        Assert.Equal(0, result.Counts!.UpdatesAvailable);
        Assert.Contains(result.Problems, p => p.Contains("var/lib/apt/lists: missing", StringComparison.Ordinal) && p.Contains("apt-get update", StringComparison.Ordinal));
    }

    [Fact]
    public void ForeignOnlyInstallShowsOnTheNativeRecord()
    {
        var result = new DebianPackageSource(Fixtures.Root("outdated")).Load(CancellationToken.None);
        var wine = Find(result, "wine32");
        Assert.Equal("8.0~repack-4", wine.InstalledVersion);
        Assert.Equal("i386", wine.Architecture);
        var dash = Find(result, "dash");
        Assert.Equal("amd64", dash.Architecture); // native preferred over the i386 list entry
        Assert.Equal("installed", Find(result, "status-only").Repo);

        // One record per name, whether it is known natively, only for foreign architectures, or both.
        Assert.Equal(result.Packages.Count, result.Packages.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void UncompressedCopyOfAnIndexWinsOverCompressedOnes()
    {
        using var root = Fixtures.CopyRoot("basic");
        var lists = root.File("var/lib/apt/lists");
        // A stale compressed copy next to the plain one must not be read (its versions would otherwise show).
        var plain = Omg.Packages.Compression.IndexDecompressor.ReadAll(Path.Combine(lists, "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.gz"));
        File.WriteAllBytes(Path.Combine(lists, "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages"), plain.Span.ToArray());
        plain.Return();
        File.WriteAllBytes(Path.Combine(lists, "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.gz"), [1, 2, 3]);
        var result = new DebianPackageSource(root.Path).Load(CancellationToken.None);
        Assert.Empty(result.Problems);
        Assert.Equal("7.88.1-10+deb12u12", Find(result, "curl").CandidateVersion);
    }

    [Fact]
    public void ArchitectureFallsBackToTheStatusFile()
    {
        using var root = Fixtures.CopyRoot("outdated");
        File.Delete(root.File("var/lib/dpkg/arch"));
        var database = DebianDatabase.Load(root.Path, CancellationToken.None);
        Assert.Equal("amd64", database.Architectures.Native);
        Assert.Empty(database.Architectures.Foreign);
    }

    [Fact]
    public void WithoutAnArchFileTheInstalledDpkgPackageNamesTheNativeArchitecture()
    {
        // Single-architecture systems often have no var/lib/dpkg/arch; dpkg's own package then says what
        // `dpkg --print-architecture` would, even where most installed packages are of another architecture.
        using var root = Fixtures.CopyRoot("basic");
        File.Delete(root.File("var/lib/dpkg/arch"));
        var status = root.File("var/lib/dpkg/status");
        var text = File.ReadAllText(status);
        var dpkgAt = text.IndexOf("Package: dpkg\n", StringComparison.Ordinal);
        var archAt = text.IndexOf("Architecture: amd64", dpkgAt, StringComparison.Ordinal);
        File.WriteAllText(status, text[..archAt] + "Architecture: arm64" + text[(archAt + "Architecture: amd64".Length)..]);

        var database = DebianDatabase.Load(root.Path, CancellationToken.None);

        Assert.Equal("arm64", database.Architectures.Native);
        Assert.Empty(database.Architectures.Foreign);
    }

    [Fact]
    public void OnThisMachineTheNativeArchitectureIsDpkgs()
    {
        var database = DebianDatabase.Load("/", CancellationToken.None);
        using var dpkg = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dpkg", "--print-architecture") { RedirectStandardOutput = true })!;
        var expected = dpkg.StandardOutput.ReadToEnd().Trim();
        dpkg.WaitForExit();
        Assert.Equal(expected, database.Architectures.Native);
    }

    [Fact]
    public void LargeListsParsedInPartsKeepLinesAndFirstSeenOrder()
    {
        using var root = Fixtures.CopyRoot("basic");
        // ~12 MB plain list: big enough to be split across cores; a malformed paragraph sits near the end.
        var builder = new System.Text.StringBuilder();
        var line = 1;
        var badLine = 0;
        for (var i = 0; i < 60000; i++)
        {
            if (i == 55000)
            {
                badLine = line;
                builder.Append("Package: bad\nno colon\n\n");
                line += 3;
            }

            builder.Append($"Package: bulk{i}\nVersion: 1.{i}\nArchitecture: amd64\nDescription: bulk package {i} {new string('x', 120)}\n\n");
            line += 5;
        }

        builder.Append("Package: bulk7\nVersion: 0.1\nArchitecture: amd64\nDescription: older duplicate\n");
        File.WriteAllText(root.File("var/lib/apt/lists/example.org_dists_big_main_binary-amd64_Packages"), builder.ToString());
        Directory.CreateDirectory(root.File("etc/apt/sources.list.d"));
        File.WriteAllText(root.File("etc/apt/sources.list.d/example.list"), "deb http://example.org big main\n");
        var result = new DebianPackageSource(root.Path).Load(CancellationToken.None);
        var problem = Assert.Single(result.Problems);
        Assert.Contains($"line {badLine} ", problem);
        Assert.Equal(39 + 60000, result.Packages.Count);
        Assert.Equal("1.7", Find(result, "bulk7").CandidateVersion);
        Assert.Equal("big/main", Find(result, "bulk59999").Repo);
    }
}
