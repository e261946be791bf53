using Omg.Protocol.MessagePack;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;

namespace Omg.Protocol.Tests.Messages;

public sealed class GoldenVectorTests
{
    [Theory]
    [MemberData(nameof(SampleMessages.GoldenRequests), MemberType = typeof(SampleMessages))]
    public void Requests_frame_to_the_golden_bytes(Request request, string frameHex)
    {
        using FrameBuffer frame = FrameBuffer.For(request);
        Assert.Equal(frameHex, Hex.Of(frame.Complete().Span));
    }

    [Theory]
    [MemberData(nameof(SampleMessages.GoldenRequests), MemberType = typeof(SampleMessages))]
    public void Golden_bytes_decode_to_the_same_request(Request request, string frameHex)
    {
        byte[] frame = Hex.Parse(frameHex);
        Request decoded = MessageCodec.DecodeRequest(frame.AsSpan(FrameLimits.HeaderSize));
        Assert.Equal(request.GetType(), decoded.GetType());
        Assert.Equal(request.Id, decoded.Id);
        Assert.Equal(MessageCodec.Encode(request), MessageCodec.Encode(decoded));
    }

    [Fact]
    public void Every_response_type_round_trips()
    {
        foreach (Response response in SampleMessages.Responses())
        {
            byte[] encoded = MessageCodec.Encode(response);
            Response decoded = MessageCodec.DecodeResponse(encoded);
            Assert.Equal(response.GetType(), decoded.GetType());
            Assert.Equal(encoded, MessageCodec.Encode(decoded));
        }
    }

    [Fact]
    public void Decoded_results_carry_their_fields()
    {
        var search = (SearchResult)((SuccessResponse)MessageCodec.DecodeResponse(MessageCodec.Encode(SampleMessages.Responses()[0]))).Result;
        Assert.Equal(17UL, search.Total);
        Assert.Equal("vim", search.Packages[0].Name);
        Assert.True(search.Packages[0].Installed);
        Assert.False(search.Packages[1].Installed);

        var status = (StatusResult)((SuccessResponse)MessageCodec.DecodeResponse(MessageCodec.Encode(SampleMessages.Responses()[2]))).Result;
        Assert.Equal(("node", "20.20.2"), status.RuntimeVersions[1]);
        Assert.Equal(612UL, status.TotalPackages);
        Assert.Equal(["curl", "libssl3", "libssl3:i386"], status.Upgradable);
        Assert.Equal(["linux-image-6.1.0-25-amd64"], status.Orphans);

        var audit = (SecurityAuditResult)((SuccessResponse)MessageCodec.DecodeResponse(MessageCodec.Encode(SampleMessages.Responses()[3]))).Result;
        Assert.Equal(9.1f, audit.Vulnerabilities[0].Vulnerabilities[0].Score);
        Assert.Null(audit.Vulnerabilities[0].Vulnerabilities[1].Score);

        var error = (ErrorResponse)MessageCodec.DecodeResponse(MessageCodec.Encode(SampleMessages.Responses()[^1]));
        Assert.Equal(ErrorCodes.InvalidParams, error.Code);
    }

    [Fact]
    public void A_status_from_an_older_omgd_decodes_with_the_additive_lists_empty()
    {
        // The seed's six keys only.
        var status = MessagePackValue.Map(
            ("total_packages", MessagePackValue.From(5L)), ("explicit_packages", MessagePackValue.From(2L)), ("orphan_packages", MessagePackValue.From(1L)),
            ("updates_available", MessagePackValue.From(3L)), ("security_vulnerabilities", MessagePackValue.From(0L)), ("runtime_versions", MessagePackValue.Array()));
        var response = MessagePackValue.Map(("Success", MessagePackValue.Map(("id", MessagePackValue.From(3L)), ("result", MessagePackValue.Map(("Status", status))))));
        var decoded = (StatusResult)((SuccessResponse)MessageCodec.DecodeResponse(response.Encode())).Result;
        Assert.Equal(3UL, decoded.UpdatesAvailable);
        Assert.Empty(decoded.Upgradable);
        Assert.Empty(decoded.Orphans);
        Assert.Empty(decoded.Problems);
    }
}
