using CsCheck;
using Omg.Protocol.Framing;
using Omg.Protocol.Messages;
using Omg.Protocol.Tests.Messages;
using Omg.Tests.Shared.Fuzzing;
using Xunit.Abstractions;

namespace Omg.Protocol.Tests.Fuzz;

/// <summary>
/// The frame decoder and the codec of every request and response type under hostile bytes, on a fixed budget and
/// seed (docs/fuzzing.md): valid frames broken byte by byte, noise, and random valid messages for the round trip.
/// </summary>
public sealed class ProtocolFuzzTests(ITestOutputHelper output)
{
    private static readonly byte[][] RequestPayloads = SampleMessages.GoldenRequests()
        .Select(row => Hex.Parse((string)row[1])[FrameLimits.HeaderSize..])
        .ToArray();

    private static readonly byte[][] ResponsePayloads = SampleMessages.Responses().Select(MessageCodec.Encode).ToArray();

    [Fact]
    public void Any_request_bytes_decode_to_a_request_or_a_parse_error_with_the_probed_id()
    {
        FuzzCheck.Run("protocol.request", ByteMutations.Of(RequestPayloads, 4096), ProtocolFuzzTargets.DecodeRequest, 60_000, output, bytes => Hex.Of(bytes));
    }

    [Fact]
    public void Any_response_bytes_decode_to_a_response_or_a_MessagePackException()
    {
        FuzzCheck.Run("protocol.response", ByteMutations.Of(ResponsePayloads, 8192), ProtocolFuzzTargets.DecodeResponse, 60_000, output, bytes => Hex.Of(bytes));
    }

    [Fact]
    public void Both_frame_readers_take_the_same_frames_off_any_stream_and_end_alike()
    {
        // Streams of several golden frames back to back, then broken: lengths cut, headers spliced mid-payload.
        byte[][] streams = SampleMessages.GoldenRequests()
            .Select(row => (string)row[1])
            .Chunk(3)
            .Select(hexes => (byte[])[0x3f, .. hexes.SelectMany(Hex.Parse)])
            .ToArray();
        FuzzCheck.Run("protocol.frames", ByteMutations.Of(streams, 4096), ProtocolFuzzTargets.ReadFrames, 20_000, output, bytes => Hex.Of(bytes));
    }

    [Fact]
    public void Every_request_type_survives_encode_then_decode_unchanged()
    {
        var seen = new HashSet<string>();
        FuzzCheck.Run(
            "protocol.request-roundtrip",
            RequestGen.Any,
            request =>
            {
                seen.Add(request.Variant);
                byte[] encoded = MessageCodec.Encode(request);
                Request decoded = MessageCodec.DecodeRequest(encoded);
                Assert.Equal(request.GetType(), decoded.GetType());
                Assert.Equal(request.Id, decoded.Id);
                Assert.Equal(Hex.Of(encoded), Hex.Of(MessageCodec.Encode(decoded)));
                ProtocolFuzzTargets.DecodeRequest(encoded);
            },
            10_000,
            output);

        // The round trip above means little unless every type took part in it.
        Assert.Equal(RequestGen.Types, seen.Count);
    }
}
