using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Protocol.Tests.Messages;

public sealed class RequestDecodingTests
{
    private static byte[] Encode(MessagePackValue value) => value.Encode();

    private static MessagePackValue Variant(string name, params (string Key, MessagePackValue Value)[] fields) =>
        MessagePackValue.Map((name, MessagePackValue.Map(fields)));

    [Fact]
    public void Missing_required_key_is_a_parse_error_that_names_the_key_and_keeps_the_id()
    {
        byte[] payload = Encode(Variant("Search", ("id", MessagePackValue.From(42L)), ("limit", MessagePackValue.From(5L))));
        ProtocolException ex = Assert.Throws<ProtocolException>(() => MessageCodec.DecodeRequest(payload));
        Assert.Equal(ErrorCodes.ParseError, ex.ErrorCode);
        Assert.Equal(42UL, ex.RequestId);
        Assert.Contains("'query'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_variant_is_method_not_found_with_the_id()
    {
        byte[] payload = Encode(Variant("Frobnicate", ("zzz", MessagePackValue.True), ("id", MessagePackValue.From(77L))));
        UnknownVariantException ex = Assert.Throws<UnknownVariantException>(() => MessageCodec.DecodeRequest(payload));
        Assert.Equal(ErrorCodes.MethodNotFound, ex.ErrorCode);
        Assert.Equal(77UL, ex.RequestId);
        Assert.Equal("Frobnicate", ex.Variant);
    }

    [Fact]
    public void Unknown_keys_are_skipped_so_fields_can_be_added()
    {
        byte[] payload = Encode(Variant("Search",
            ("future", MessagePackValue.Map(("nested", MessagePackValue.Array(MessagePackValue.From(1L))))),
            ("id", MessagePackValue.From(1L)),
            ("query", MessagePackValue.From("vim"))));
        var request = Assert.IsType<SearchRequest>(MessageCodec.DecodeRequest(payload));
        Assert.Equal("vim", request.Query);
        Assert.Null(request.Limit);
    }

    [Fact]
    public void Search_sources_are_read_when_present_and_null_when_absent_or_nil()
    {
        var withSources = Assert.IsType<SearchRequest>(MessageCodec.DecodeRequest(Encode(Variant("Search",
            ("id", MessagePackValue.From(1L)),
            ("query", MessagePackValue.From("ssl")),
            ("sources", MessagePackValue.Array(MessagePackValue.From("apt"), MessagePackValue.From("p*")))))));
        Assert.Equal(["apt", "p*"], withSources.Sources);

        var nil = Assert.IsType<SearchRequest>(MessageCodec.DecodeRequest(Encode(Variant("Search",
            ("id", MessagePackValue.From(2L)), ("query", MessagePackValue.From("ssl")), ("sources", MessagePackValue.Nil)))));
        Assert.Null(nil.Sources);

        // Absent, the request is the seed's three keys exactly.
        Assert.Equal(
            MessageCodec.Encode(new SearchRequest(3, "ssl")),
            Encode(Variant("Search", ("id", MessagePackValue.From(3L)), ("query", MessagePackValue.From("ssl")), ("limit", MessagePackValue.Nil))));
    }

    [Fact]
    public void Search_installed_is_read_when_present_and_false_when_absent_false_or_nil()
    {
        SearchRequest Decode(params (string, MessagePackValue)[] more) => Assert.IsType<SearchRequest>(MessageCodec.DecodeRequest(Encode(Variant("Search",
            [("id", MessagePackValue.From(1L)), ("query", MessagePackValue.From("ssl")), .. more]))));

        Assert.True(Decode(("installed", MessagePackValue.True)).Installed);
        Assert.False(Decode(("installed", MessagePackValue.False)).Installed);
        Assert.False(Decode(("installed", MessagePackValue.Nil)).Installed);
        Assert.False(Decode().Installed);
        SearchRequest both = Decode(("installed", MessagePackValue.True), ("sources", MessagePackValue.Array(MessagePackValue.From("apt"))));
        Assert.True(both.Installed);
        Assert.Equal(["apt"], both.Sources);

        // Written only when true: a request for every package is the seed's three keys.
        Assert.Equal(MessageCodec.Encode(new SearchRequest(3, "ssl")), MessageCodec.Encode(new SearchRequest(3, "ssl", Installed: false)));
        var roundTrip = Assert.IsType<SearchRequest>(MessageCodec.DecodeRequest(MessageCodec.Encode(new SearchRequest(4, "ssl", 7, ["apt"], true))));
        Assert.Equal((4UL, "ssl", (ulong?)7, true), (roundTrip.Id, roundTrip.Query, roundTrip.Limit, roundTrip.Installed));
        Assert.Equal(["apt"], roundTrip.Sources);
    }

    [Fact]
    public void Search_offset_is_read_when_present_and_0_when_absent_or_nil_and_written_only_when_not_0()
    {
        SearchRequest Decode(params (string, MessagePackValue)[] more) => Assert.IsType<SearchRequest>(MessageCodec.DecodeRequest(Encode(Variant("Search",
            [("id", MessagePackValue.From(1L)), ("query", MessagePackValue.From("lib")), .. more]))));

        Assert.Equal(2000UL, Decode(("offset", MessagePackValue.From(2000L))).Offset);
        Assert.Equal(0UL, Decode(("offset", MessagePackValue.Nil)).Offset);
        Assert.Equal(0UL, Decode().Offset);
        Assert.Equal(MessageCodec.Encode(new SearchRequest(3, "lib")), MessageCodec.Encode(new SearchRequest(3, "lib", Offset: 0)));
        var roundTrip = Assert.IsType<SearchRequest>(MessageCodec.DecodeRequest(MessageCodec.Encode(new SearchRequest(4, "lib", 7, ["apt"], true, 3000))));
        Assert.Equal((4UL, (ulong?)7, true, 3000UL), (roundTrip.Id, roundTrip.Limit, roundTrip.Installed, roundTrip.Offset));
    }

    [Theory]
    [InlineData("sources")]
    [InlineData("installed")]
    [InlineData("offset")]
    public void Search_filters_of_the_wrong_type_are_a_parse_error_with_the_id(string field)
    {
        // A string where sources wants an array of strings and installed a boolean.
        byte[] payload = Encode(Variant("Search",
            ("id", MessagePackValue.From(9L)), ("query", MessagePackValue.From("ssl")), (field, MessagePackValue.From("apt"))));
        ProtocolException ex = Assert.Throws<ProtocolException>(() => MessageCodec.DecodeRequest(payload));
        Assert.Equal(ErrorCodes.ParseError, ex.ErrorCode);
        Assert.Equal(9UL, ex.RequestId);
    }

    [Fact]
    public void Duplicate_keys_are_a_parse_error()
    {
        // Built by hand: the value model refuses duplicate keys itself.
        byte[] payload = Hex.Parse("81a4496e666f83a2696401a77061636b616765a161a77061636b616765a162");
        ProtocolException ex = Assert.Throws<ProtocolException>(() => MessageCodec.DecodeRequest(payload));
        Assert.Contains("more than once", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1UL, ex.RequestId);
    }

    [Fact]
    public void Duplicate_key_in_the_position_of_the_next_expected_field_is_a_parse_error()
    {
        // {package: "a", package: "b", id: 1}: the second 'package' sits where the reader's in-order fast
        // path expects field number one, which it must still see as a repeat.
        byte[] payload = Hex.Parse("81a4496e666f83a77061636b616765a161a77061636b616765a162a2696401");
        ProtocolException ex = Assert.Throws<ProtocolException>(() => MessageCodec.DecodeRequest(payload));
        Assert.Contains("'package' more than once", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_in_a_wider_string_format_than_needed_are_still_recognised()
    {
        // Another writer may spell the key 'id' as a str8 (d9 02) instead of a fixstr; that is valid MessagePack.
        byte[] payload = Hex.Parse("81a4496e666f82d902696407a77061636b616765a3766964");
        var request = Assert.IsType<InfoRequest>(MessageCodec.DecodeRequest(payload));
        Assert.Equal(7UL, request.Id);
        Assert.Equal("vid", request.Package);
    }

    [Theory]
    [InlineData("c0")]                                  // nil
    [InlineData("92a653656172636880")]                  // array, not map
    [InlineData("82a6537461747573 80 a450696e67 80")]   // two variants
    [InlineData("81 01 80")]                            // integer variant name
    [InlineData("81a6537461747573 a3616263")]           // body not a map
    [InlineData("81a6537461747573 81a26964 a3616263")]  // id not an integer
    [InlineData("81a6537461747573 81a26964 ff")]        // negative id
    [InlineData("81a6537461747573 81a26964 03 00")]     // trailing byte
    public void Malformed_requests_are_parse_errors(string hex)
    {
        ProtocolException ex = Assert.Throws<ProtocolException>(() => MessageCodec.DecodeRequest(Hex.Parse(hex)));
        Assert.Equal(ErrorCodes.ParseError, ex.ErrorCode);
    }

    [Fact]
    public void Parse_error_keeps_a_readable_id_even_when_a_later_field_is_bad()
    {
        byte[] payload = Encode(Variant("Info", ("id", MessagePackValue.From(9L)), ("package", MessagePackValue.From(5L))));
        ProtocolException ex = Assert.Throws<ProtocolException>(() => MessageCodec.DecodeRequest(payload));
        Assert.Equal(9UL, ex.RequestId);
        Assert.Contains("expected string", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_variant_inside_a_batch_becomes_an_unknown_item()
    {
        var batch = new BatchRequest(1, [new PingRequest(2), new UnknownRequest(3, "Teleport"), new StatusRequest(4)]);
        var decoded = Assert.IsType<BatchRequest>(MessageCodec.DecodeRequest(MessageCodec.Encode(batch)));
        Assert.IsType<PingRequest>(decoded.Requests[0]);
        var unknown = Assert.IsType<UnknownRequest>(decoded.Requests[1]);
        Assert.Equal(3UL, unknown.Id);
        Assert.Equal("Teleport", unknown.VariantName);
        Assert.IsType<StatusRequest>(decoded.Requests[2]);
    }

    [Fact]
    public void Deeply_nested_batches_are_refused_by_the_depth_bound()
    {
        Request request = new PingRequest(1);
        for (int i = 0; i < 40; i++)
        {
            request = new BatchRequest((ulong)i, [request]);
        }

        ProtocolException ex = Assert.Throws<ProtocolException>(() => MessageCodec.DecodeRequest(MessageCodec.Encode(request)));
        Assert.Contains("nesting", ex.Message, StringComparison.Ordinal);
        Assert.Equal(39UL, ex.RequestId);
    }

    [Fact]
    public void Every_truncation_and_corruption_of_the_golden_requests_is_handled()
    {
        var random = new Random(11);
        foreach (object[] row in SampleMessages.GoldenRequests())
        {
            byte[] payload = Hex.Parse((string)row[1])[4..];
            for (int length = 0; length < payload.Length; length++)
            {
                Assert.ThrowsAny<ProtocolException>(() => MessageCodec.DecodeRequest(payload.AsSpan(0, length)));
            }

            for (int i = 0; i < payload.Length; i++)
            {
                for (int trial = 0; trial < 8; trial++)
                {
                    byte[] corrupt = (byte[])payload.Clone();
                    corrupt[i] = (byte)random.Next(256);
                    try
                    {
                        Request decoded = MessageCodec.DecodeRequest(corrupt);
                        Assert.NotNull(MessageCodec.Encode(decoded));
                    }
                    catch (ProtocolException)
                    {
                        // The only failure a daemon has to handle.
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_truncation_and_corruption_of_the_sample_responses_is_handled()
    {
        var random = new Random(12);
        foreach (Response response in SampleMessages.Responses())
        {
            byte[] payload = MessageCodec.Encode(response);
            for (int length = 0; length < payload.Length; length++)
            {
                Assert.Throws<MessagePackException>(() => MessageCodec.DecodeResponse(payload.AsSpan(0, length)));
            }

            for (int i = 0; i < payload.Length; i++)
            {
                byte[] corrupt = (byte[])payload.Clone();
                corrupt[i] = (byte)random.Next(256);
                try
                {
                    MessageCodec.DecodeResponse(corrupt);
                }
                catch (MessagePackException)
                {
                    // The only failure a client has to handle.
                }
            }
        }
    }
}
