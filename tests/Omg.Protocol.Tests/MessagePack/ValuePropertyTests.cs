using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Tests.MessagePack;

public sealed class ValuePropertyTests
{
    [Fact]
    public void Random_trees_survive_write_then_read()
    {
        for (int seed = 0; seed < 500; seed++)
        {
            MessagePackValue value = new RandomValues(seed).Next();
            byte[] encoded = value.Encode();
            MessagePackValue decoded = MessagePackValue.Decode(encoded);
            Assert.True(value.Equals(decoded), $"seed {seed}: {value} != {decoded}");
            Assert.Equal(value.GetHashCode(), decoded.GetHashCode());
            Assert.Equal(encoded, decoded.Encode());
        }
    }

    [Fact]
    public void Every_truncation_of_a_random_tree_is_rejected_with_our_exception()
    {
        for (int seed = 0; seed < 40; seed++)
        {
            byte[] encoded = new RandomValues(seed).Next().Encode();
            for (int length = 0; length < encoded.Length; length++)
            {
                Assert.Throws<MessagePackException>(() => MessagePackValue.Decode(encoded.AsSpan(0, length)));
            }
        }
    }

    [Fact]
    public void Every_single_byte_corruption_either_decodes_or_throws_our_exception()
    {
        var random = new Random(7);
        for (int seed = 0; seed < 30; seed++)
        {
            byte[] encoded = new RandomValues(seed).Next().Encode();
            for (int i = 0; i < encoded.Length; i++)
            {
                byte[] corrupt = (byte[])encoded.Clone();
                corrupt[i] = (byte)random.Next(256);
                try
                {
                    MessagePackValue value = MessagePackValue.Decode(corrupt);
                    Assert.NotNull(value.ToString());
                }
                catch (MessagePackException)
                {
                    // Rejected with our exception: the only acceptable failure.
                }
            }
        }
    }

    [Fact]
    public void Integers_compare_by_value_whatever_their_encoding()
    {
        MessagePackValue fromWide = MessagePackValue.Decode(Hex.Parse("d30000000000000005"));
        Assert.Equal(MessagePackValue.From(5L), fromWide);
        Assert.Equal(MessagePackValue.From(5UL), fromWide);
        Assert.Equal("05", Hex.Of(fromWide.Encode()));
        Assert.NotEqual(MessagePackValue.From(1.0), MessagePackValue.From(1.0f));
        Assert.NotEqual(MessagePackValue.From(1L), MessagePackValue.From(1.0));
        Assert.Equal(MessagePackValue.From(double.NaN), MessagePackValue.From(double.NaN));
    }

    [Fact]
    public void Map_lookup_and_accessors()
    {
        MessagePackValue map = MessagePackValue.Map(("retcode", MessagePackValue.From(0L)), ("message", MessagePackValue.From("ok")));
        Assert.Equal("ok", map["message"]!.AsString());
        Assert.Null(map["missing"]);
        Assert.Throws<InvalidOperationException>(() => map["message"]!.AsInt64());
        Assert.Throws<ArgumentException>(() => MessagePackValue.Map(("a", MessagePackValue.Nil), ("a", MessagePackValue.True)));
        Assert.Throws<InvalidOperationException>(() => MessagePackValue.From(ulong.MaxValue).AsInt64());
        Assert.Throws<InvalidOperationException>(() => MessagePackValue.From(-1L).AsUInt64());
    }
}
