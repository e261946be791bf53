using System.Text.Json;
using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Tests.MessagePack;

public sealed class JsonConversionTests
{
    [Theory]
    [InlineData("""{"retcode":0,"message":"ok","warning":["a","b"],"data":{"n":-5,"big":18446744073709551615,"f":1.5,"whole":2.0,"e":1E+300,"nil":null,"t":true}}""")]
    [InlineData("""[1,-1,0.1,"x",[],{}]""")]
    [InlineData("\"\\u00e9\\ud83d\\ude00\\\"\\\\\"")]
    [InlineData("-9223372036854775808")]
    public void Json_survives_a_round_trip_through_MessagePack(string json)
    {
        MessagePackValue value = MessagePackJson.Parse(json);
        MessagePackValue back = MessagePackValue.Decode(value.Encode());
        string rendered = MessagePackJson.ToJson(back);
        Assert.True(JsonElementEquals(Parse(json), Parse(rendered)), $"{json} => {rendered}");
        Assert.Equal(value, MessagePackJson.Parse(rendered));
    }

    [Fact]
    public void Random_json_compatible_trees_survive_json_then_messagepack()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            MessagePackValue value = new RandomValues(seed).Next(jsonOnly: true);
            string json = MessagePackJson.ToJson(value);
            MessagePackValue back = MessagePackJson.Parse(json);
            Assert.True(value.Equals(back), $"seed {seed}: {json} => {back}");
        }
    }

    [Fact]
    public void Integers_stay_integers_and_floats_stay_floats()
    {
        Assert.Equal(MessagePackValueKind.Integer, MessagePackJson.Parse("3").Kind);
        Assert.Equal(MessagePackValueKind.Float64, MessagePackJson.Parse("3.0").Kind);
        Assert.Equal("3.0", MessagePackJson.ToJson(MessagePackValue.From(3.0)));
        Assert.Equal("0.1", MessagePackJson.ToJson(MessagePackValue.From(0.1f)));
        Assert.Equal(MessagePackValueKind.Float64, MessagePackJson.Parse("18446744073709551616").Kind);
    }

    [Fact]
    public void Values_json_cannot_hold_are_mapped_as_documented()
    {
        MessagePackValue map = MessagePackValue.Map(
        [
            KeyValuePair.Create(MessagePackValue.From("bin"), MessagePackValue.Binary([1, 2, 3])),
            KeyValuePair.Create(MessagePackValue.From("ts"), MessagePackValue.From(new MessagePackTimestamp(0, 0))),
            KeyValuePair.Create(MessagePackValue.From("ext"), MessagePackValue.Extension(7, [0xff])),
            KeyValuePair.Create(MessagePackValue.From(42L), MessagePackValue.From("int key")),
            KeyValuePair.Create(MessagePackValue.From("nan"), MessagePackValue.From(double.NaN)),
            KeyValuePair.Create(MessagePackValue.From("inf"), MessagePackValue.From(double.NegativeInfinity)),
        ]);
        Assert.Equal(
            """{"bin":"AQID","ts":"1970-01-01T00:00:00.0000000Z","ext":{"$ext":7,"data":"/w=="},"42":"int key","nan":"NaN","inf":"-Infinity"}""",
            MessagePackJson.ToJson(map));
    }

    [Fact]
    public void Repeated_json_keys_keep_the_last_value_in_the_first_position()
    {
        MessagePackValue value = MessagePackJson.Parse("""{"a":1,"b":2,"a":3}""");
        Assert.Equal("""{"a":3,"b":2}""", MessagePackJson.ToJson(value));
    }

    [Fact]
    public void Json_nesting_is_bounded()
    {
        string deep = new string('[', 70) + new string(']', 70);
        Assert.ThrowsAny<JsonException>(() => MessagePackJson.Parse(deep));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static bool JsonElementEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        return a.ValueKind switch
        {
            JsonValueKind.Object => a.EnumerateObject().Count() == b.EnumerateObject().Count()
                && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out JsonElement v) && JsonElementEquals(p.Value, v)),
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength()
                && a.EnumerateArray().Zip(b.EnumerateArray()).All(t => JsonElementEquals(t.First, t.Second)),
            JsonValueKind.Number => a.GetDouble().Equals(b.GetDouble()),
            JsonValueKind.String => a.GetString() == b.GetString(),
            _ => true,
        };
    }
}
