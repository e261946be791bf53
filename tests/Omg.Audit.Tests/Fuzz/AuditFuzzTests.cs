using System.IO.Compression;
using System.Text;
using Omg.Tests.Shared.Fuzzing;
using Xunit.Abstractions;

namespace Omg.Audit.Tests.Fuzz;

/// <summary>
/// The advisory readers (OSV, the Debian tracker, the gzip and zip wrappers around them), the audit's dpkg status
/// reader and CVSS vectors under broken input, on a fixed budget and seed (docs/fuzzing.md).
/// </summary>
public sealed class AuditFuzzTests(ITestOutputHelper output)
{
    private static readonly byte[][] Osv = Directory.GetFiles(AuditFixtures.Osv).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();

    private static readonly byte[] Tracker = File.ReadAllBytes(AuditFixtures.Tracker);

    [Fact]
    public void Any_bytes_as_an_advisory_source_read_or_fail_with_AdvisoryImportException_and_match()
    {
        byte[][] samples = [.. Osv, Tracker, Gzip(Tracker), Zip(Osv), Encoding.UTF8.GetBytes("[" + string.Join(",", Osv.Select(Encoding.UTF8.GetString)) + "]")];
        FuzzCheck.Run("audit.source", ByteMutations.Of(samples, 32 * 1024), AuditFuzzTargets.Source, 8_000, output, Show);
    }

    [Fact]
    public void Any_bytes_as_an_OSV_record_read_or_fail_with_AdvisoryImportException()
    {
        FuzzCheck.Run("audit.osv", ByteMutations.Of(Osv, 8 * 1024), AuditFuzzTargets.Osv, 15_000, output, Show);
    }

    [Fact]
    public void Any_bytes_as_a_Debian_tracker_document_read_or_fail_with_AdvisoryImportException()
    {
        FuzzCheck.Run("audit.tracker", ByteMutations.Of([Tracker], 16 * 1024), AuditFuzzTargets.Tracker, 15_000, output, Show);
    }

    [Fact]
    public void Any_bytes_as_dpkg_status_give_installed_components()
    {
        byte[] status = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "roots", "basic", "var", "lib", "dpkg", "status"));
        FuzzCheck.Run("audit.dpkg-status", ByteMutations.Of([status], 16 * 1024), AuditFuzzTargets.DpkgStatus, 10_000, output, Show);
    }

    [Fact]
    public void Any_text_as_a_CVSS_vector_scores_in_range_or_is_refused()
    {
        byte[][] vectors = new[]
        {
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:O/RC:C",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H/MAV:L", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
            "CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:L/VI:N/VA:N/SC:H/SI:L/SA:N/E:P/MSI:S/U:Amber",
        }.Select(Encoding.UTF8.GetBytes).ToArray();
        FuzzCheck.Run("audit.cvss", ByteMutations.Of(vectors, 512), AuditFuzzTargets.Cvss, 30_000, output, Show);
    }

    private static string Show(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    private static byte[] Zip(byte[][] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            for (int i = 0; i < files.Length; i++)
            {
                using Stream entry = zip.CreateEntry($"record-{i}.json").Open();
                entry.Write(files[i]);
            }
        }

        return buffer.ToArray();
    }
}
