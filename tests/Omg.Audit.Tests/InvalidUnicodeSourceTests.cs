using System.Text;
using Omg.Audit.Sources;

namespace Omg.Audit.Tests;

/// <summary>
/// Advisory documents whose strings are not Unicode (bytes that are not UTF-8, or a lone surrogate escape) are
/// refused as bad sources, naming them: found by the OSV and tracker fuzz targets (docs/fuzzing.md), where
/// System.Text.Json's InvalidOperationException escaped the readers instead.
/// </summary>
public sealed class InvalidUnicodeSourceTests
{
    public static TheoryData<string, byte[]> Documents() => new()
    {
        { "osv summary not UTF-8", Osv("\"summary\": \"bad \xff\xfe text\"") },
        { "osv id with a lone surrogate", Osv("\"summary\": \"ok\"", id: "\"GHSA-\\ud800\"") },
        { "osv array of records", [.. "["u8, .. Osv("\"summary\": \"\xc3\""), .. "]"u8] },
        { "tracker package not UTF-8", Encoding.Latin1.GetBytes("{\"open\xffssl\": {\"CVE-2024-1\": {\"releases\": {}}}}") },
        { "tracker CVE with a lone surrogate", "{\"openssl\": {\"CVE-\\udc00\": {\"releases\": {}}}}"u8.ToArray() },
        { "tracker description not UTF-8", Encoding.Latin1.GetBytes("{\"openssl\": {\"CVE-2024-1\": {\"description\": \"x\xc3\", \"releases\": {\"bookworm\": {\"status\": \"open\", \"urgency\": \"low\"}}}}}") },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_document_whose_strings_are_not_unicode_is_refused_naming_the_source(string what, byte[] document)
    {
        var error = Assert.Throws<AdvisoryImportException>(() => SourceReader.ReadBytes(document, "bad.json"));
        Assert.StartsWith("bad.json", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    // One npm OSV record with the given extra member; Latin-1 keeps each \xNN a single raw byte.
    private static byte[] Osv(string member, string id = "\"GHSA-test\"") => Encoding.Latin1.GetBytes(
        "{\"id\": " + id + ", " + member + ", \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"minimist\"}, \"versions\": [\"1.0.0\"]}]}");
}
