using Omg.Protocol.Messages;

namespace Omg.Protocol.Tests;

/// <summary>SecurityAuditResult keeps its encoding: every later encoding is the same bytes, and a copy encodes its own values.</summary>
public sealed class SecurityAuditEncodingTests
{
    private static SecurityAuditResult Sample() => new(2, 1,
    [
        ("libssl3", [new Vulnerability("CVE-2024-9143", "Out-of-bounds access", 7.5f) { Aliases = ["DSA-1"], InstalledVersion = "3.0.15-1", FixedVersion = "3.0.16-1", SourcePackage = "openssl", Ecosystem = "Debian:bookworm", Severity = "high" }]),
        ("curl", [new Vulnerability("CVE-2025-0167", "netrc leak", null) { InstalledVersion = "7.88.1-10", SourcePackage = "curl", Ecosystem = "Debian:bookworm", Severity = "low" }]),
    ]);

    [Fact]
    public void Repeated_encodings_are_identical_and_decode_to_an_equal_result()
    {
        SecurityAuditResult result = Sample();
        byte[] first = MessageCodec.Encode(new SuccessResponse(1, result));
        byte[] second = MessageCodec.Encode(new SuccessResponse(1, result));
        Assert.Equal(first, second);
        Assert.Equal(MessageCodec.Encode(new SuccessResponse(1, Sample())), first);
        var decoded = (SecurityAuditResult)((SuccessResponse)MessageCodec.DecodeResponse(first)).Result;
        Assert.Equal(result.TotalVulnerabilities, decoded.TotalVulnerabilities);
        Assert.Equal("3.0.16-1", decoded.Vulnerabilities[0].Vulnerabilities[0].FixedVersion);
    }

    [Fact]
    public void A_with_copy_encodes_its_own_values()
    {
        SecurityAuditResult result = Sample();
        MessageCodec.Encode(new SuccessResponse(1, result));
        SecurityAuditResult copy = result with { TotalVulnerabilities = 99 };
        var decoded = (SecurityAuditResult)((SuccessResponse)MessageCodec.DecodeResponse(MessageCodec.Encode(new SuccessResponse(2, copy)))).Result;
        Assert.Equal(99UL, decoded.TotalVulnerabilities);
    }
}
