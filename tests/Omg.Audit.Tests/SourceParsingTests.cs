using System.IO.Compression;
using System.Text;
using Omg.Audit.Sources;
using Omg.Tests.Shared;

namespace Omg.Audit.Tests;

public sealed class SourceParsingTests
{
    [Fact]
    public void Tracker_entries_follow_the_status_rules()
    {
        AdvisorySet set = SourceReader.Read(AuditFixtures.Tracker, "tracker");
        Assert.Equal(9, set.Packages);
        Assert.Equal(13, set.Advisories);

        AffectedEntry openssl = Assert.Single(set.Entries, e => e.Package == "openssl" && e.Advisory.Id == "CVE-2024-9143" && e.Ecosystem == "Debian:bookworm");
        Assert.Equal("Out-of-bounds memory access in low-level GF(2^m) elliptic curve APIs", openssl.Advisory.Summary);
        Assert.Equal("high", openssl.Advisory.DeclaredSeverity);
        Assert.Contains(openssl.Ranges[0].Events, e => e.Kind == RangeEventKind.Fixed && e.Version == "3.0.16-1~deb12u1");

        // fixed_version "0": the release never had the bug, so there is no entry.
        Assert.DoesNotContain(set.Entries, e => e.Package == "glibc");
        Assert.DoesNotContain(set.Entries, e => e.Package == "tar" && e.Ecosystem == "Debian:bookworm");
        Assert.True(Assert.Single(set.Entries, e => e.Package == "zlib").Undetermined);

        // An urgency the tracker inferred ("low*") is the word without its marks; the description may follow releases.
        AffectedEntry curl = Assert.Single(set.Entries, e => e.Advisory.Id == "CVE-2025-0167");
        Assert.Equal("low", curl.Advisory.DeclaredSeverity);
        Assert.Equal("netrc and redirect credential leak", Assert.Single(set.Entries, e => e.Advisory.Id == "CVE-2024-11053").Advisory.Summary);
    }

    [Fact]
    public void A_truncated_tracker_is_refused_naming_the_source()
    {
        byte[] whole = File.ReadAllBytes(AuditFixtures.Tracker);
        var error = Assert.Throws<AdvisoryImportException>(() => SourceReader.ReadBytes(whole[..(whole.Length / 2)], "cut.json"));
        Assert.StartsWith("cut.json:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Osv_directory_skips_withdrawn_records_and_keeps_aliases_and_vectors()
    {
        AdvisorySet set = SourceReader.Read(AuditFixtures.Osv, "osv");
        Assert.Equal(3, set.Advisories);
        Assert.DoesNotContain(set.Entries, e => e.Advisory.Id == "DEBIAN-CVE-2099-0001");
        AffectedEntry ncurses = Assert.Single(set.Entries, e => e.Package == "ncurses");
        Assert.Equal("Debian:12", ncurses.Ecosystem);
        Assert.Equal(["CVE-2023-50495"], ncurses.Advisory.Aliases);
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ncurses.Advisory.CvssVector);
        Assert.StartsWith("NCurse v6.4-20230418", ncurses.Advisory.Summary, StringComparison.Ordinal);
        AffectedEntry requests = Assert.Single(set.Entries, e => e.Ecosystem == "PyPI");
        Assert.Equal(["2.3.0", "2.30.0"], requests.Versions);
        Assert.Equal("MODERATE", requests.Advisory.DeclaredSeverity);
        AffectedEntry minimist = Assert.Single(set.Entries, e => e.Ecosystem == "npm");
        Assert.True(minimist.Ranges[0].SemVer);
        Assert.Equal(4, minimist.Ranges[0].Events.Count);
    }

    [Fact]
    public void An_all_zip_reads_like_the_directory()
    {
        using var paths = new TestPaths();
        string zip = Path.Combine(paths.Directory, "all.zip");
        ZipFile.CreateFromDirectory(AuditFixtures.Osv, zip);
        AdvisorySet fromZip = SourceReader.Read(zip, "zip");
        AdvisorySet fromDirectory = SourceReader.Read(AuditFixtures.Osv, "dir");
        Assert.Equal(fromDirectory.Advisories, fromZip.Advisories);
        Assert.Equal(fromDirectory.Entries.Select(e => e.Advisory.Id).Order(), fromZip.Entries.Select(e => e.Advisory.Id).Order());
    }

    [Fact]
    public void A_gzip_compressed_tracker_is_read()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(File.ReadAllBytes(AuditFixtures.Tracker));
        }

        Assert.Equal(13, SourceReader.ReadBytes(buffer.ToArray(), "gz").Advisories);
    }

    [Theory]
    [InlineData("{\"id\": 5}")]
    [InlineData("{\"id\": \"X-1\", \"affected\": {}}")]
    [InlineData("[{\"id\": \"X-1\"}, 3]")]
    [InlineData("{\"id\": \"X-1\", \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"a\"}, \"ranges\": [{\"type\": \"SEMVER\"}]}]}")]
    [InlineData("not json")]
    [InlineData("")]
    public void Bad_osv_input_is_refused(string json)
    {
        var error = Assert.Throws<AdvisoryImportException>(() => SourceReader.ReadBytes(Encoding.UTF8.GetBytes(json), "bad.json"));
        Assert.StartsWith("bad.json", error.Message, StringComparison.Ordinal);
    }
}
