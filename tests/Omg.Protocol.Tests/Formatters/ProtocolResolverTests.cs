using MessagePack;
using Omg.Protocol.Formatters;
using Omg.Protocol.Messages;
using Omg.Protocol.Tests.Messages;
using Value = Omg.Protocol.MessagePack.MessagePackValue;

namespace Omg.Protocol.Tests.Formatters;

/// <summary>
/// The formatters let MessagePack-CSharp's own serializer write and read protocol messages: the same bytes as
/// MessageCodec, under the security settings the caller passes.
/// </summary>
public sealed class ProtocolResolverTests
{
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(ProtocolResolver.Instance)
        .WithSecurity(Omg.Protocol.MessagePack.MessagePackLimits.Untrusted);

    [Theory]
    [MemberData(nameof(SampleMessages.GoldenRequests), MemberType = typeof(SampleMessages))]
    public void Requests_serialize_to_the_golden_bytes_and_back(Request request, string frameHex)
    {
        byte[] bytes = MessagePackSerializer.Serialize(request, Options);
        Assert.Equal(frameHex[8..], Hex.Of(bytes));
        Request decoded = MessagePackSerializer.Deserialize<Request>(bytes, Options);
        Assert.Equal(MessageCodec.Encode(request), MessageCodec.Encode(decoded));
    }

    [Fact]
    public void Responses_serialize_like_the_codec_and_back()
    {
        foreach (Response response in SampleMessages.Responses())
        {
            byte[] bytes = MessagePackSerializer.Serialize(response, Options);
            Assert.Equal(MessageCodec.Encode(response), bytes);
            Assert.Equal(bytes, MessageCodec.Encode(MessagePackSerializer.Deserialize<Response>(bytes, Options)));
        }
    }

    [Fact]
    public void Values_keep_their_rules_inside_the_serializer()
    {
        Assert.Equal(SampleMessages.ModuleArguments, MessagePackSerializer.Deserialize<Value>(SampleMessages.ModuleArguments.Encode(), Options));

        // A duplicate key and a nesting past the bound are refused, as by MessagePackValue.Decode.
        var duplicate = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<Value>(Hex.Parse("82 a161 01 a161 02"), Options));
        Assert.Contains("more than once", duplicate.InnerException!.Message, StringComparison.Ordinal);
        byte[] deep = Hex.Parse(string.Concat(Enumerable.Repeat("91", 65)) + "00");
        var tooDeep = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<Value>(deep, Options));
        Assert.Contains("nesting", tooDeep.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_request_is_refused_with_the_offset()
    {
        byte[] bytes = MessageCodec.Encode(new InfoRequest(2, "openssl"));
        var ex = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<Request>(bytes.AsMemory(0, bytes.Length - 3), Options));
        Assert.Contains("at byte", ex.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_types_are_left_to_other_resolvers()
    {
        Assert.Null(ProtocolResolver.Instance.GetFormatter<string>());
        Assert.Null(ProtocolResolver.Instance.GetFormatter<SearchRequest>());
        Assert.Same(RequestFormatter.Instance, ProtocolResolver.Instance.GetFormatter<Request>());
    }
}
