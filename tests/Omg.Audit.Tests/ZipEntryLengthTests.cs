using System.Buffers.Binary;
using System.IO.Compression;
using Omg.Audit.Sources;

namespace Omg.Audit.Tests;

/// <summary>
/// A zip of OSV records whose central directory declares an entry far larger than it is: found by the source fuzz
/// target (docs/fuzzing.md), where a length past 2 GiB threw OverflowException out of the reader and a smaller false
/// one was allocated up front. The declared length is only a hint; the entry's real bytes decide.
/// </summary>
public sealed class ZipEntryLengthTests
{
    [Theory]
    [InlineData(0xFFFF_FFF0u)]
    [InlineData(0x7FFF_0000u)]
    public void A_zip_entry_declaring_a_huge_length_is_read_or_refused_as_a_bad_source(uint declared)
    {
        byte[] record = File.ReadAllBytes(Directory.GetFiles(AuditFixtures.Osv).Order(StringComparer.Ordinal).First());
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using Stream entry = zip.CreateEntry("record.json").Open();
            entry.Write(record);
        }

        byte[] data = buffer.ToArray();
        int central = data.AsSpan().IndexOf("PK\u0001\u0002"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(central + 24), declared);

        try
        {
            AdvisorySet set = SourceReader.ReadBytes(data, "big.zip");
            Assert.Equal(1, set.Advisories);
        }
        catch (AdvisoryImportException ex)
        {
            Assert.StartsWith("big.zip", ex.Message, StringComparison.Ordinal);
        }
    }
}
