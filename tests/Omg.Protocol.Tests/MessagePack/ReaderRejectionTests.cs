using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Tests.MessagePack;

public sealed class ReaderRejectionTests
{
    private static MessagePackException Decode(string hex, int maxDepth = MessagePackReader.DefaultMaxDepth) =>
        Assert.Throws<MessagePackException>(() => MessagePackValue.Decode(Hex.Parse(hex), maxDepth));

    [Theory]
    [InlineData("")]
    [InlineData("cc")]
    [InlineData("cd01")]
    [InlineData("ce000000")]
    [InlineData("cf00000000000000")]
    [InlineData("d0")]
    [InlineData("d3000000")]
    [InlineData("ca0000")]
    [InlineData("cb00000000")]
    [InlineData("a36162")]
    [InlineData("d9")]
    [InlineData("da00")]
    [InlineData("c4")]
    [InlineData("c40201")]
    [InlineData("92 01")]
    [InlineData("81 a16b")]
    [InlineData("d6ff0000")]
    [InlineData("c7")]
    [InlineData("c70cff00")]
    public void Truncated_input_is_rejected(string hex)
    {
        MessagePackException ex = Decode(hex);
        Assert.Contains("byte", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_are_rejected_with_their_position()
    {
        MessagePackException ex = Decode("01 02");
        Assert.Equal(1, ex.Position);
        Assert.Contains("trailing", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserved_byte_c1_is_rejected()
    {
        Assert.Contains("0xc1", Decode("c1").Reason, StringComparison.Ordinal);
        Assert.Equal(1, Decode("91 c1").Position);
    }

    [Fact]
    public void Nesting_beyond_the_bound_is_rejected()
    {
        string deep = string.Concat(Enumerable.Repeat("91", 65)) + "00";
        Assert.Contains("nesting", Decode(deep).Reason, StringComparison.Ordinal);
        string ok = string.Concat(Enumerable.Repeat("91", 64)) + "00";
        Assert.Equal(MessagePackValueKind.Array, MessagePackValue.Decode(Hex.Parse(ok)).Kind);
        Assert.Contains("nesting", Decode(string.Concat(Enumerable.Repeat("81a0", 4)) + "00", maxDepth: 3).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dbffffffff")]     // str32 of 4 GiB
    [InlineData("c6ffffffff")]     // bin32
    [InlineData("c9ffffffff01")]   // ext32
    [InlineData("ddffffffff")]     // array32 of 4 billion elements
    [InlineData("dfffffffff")]     // map32
    [InlineData("dc0003 01 02")]   // array16 of 3 with 2 bytes left
    [InlineData("de0002 01 02")]   // map16 of 2 pairs with 2 bytes left
    public void Declared_lengths_larger_than_the_input_are_rejected_before_allocating(string hex)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        MessagePackException ex = Decode(hex);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, ex.Position);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for a {hex.Length / 2}-byte input");
    }

    private delegate long ReadAction(ref MessagePackReader reader);

    private static MessagePackException ReadFails(string hex, ReadAction read)
    {
        var reader = new MessagePackReader(Hex.Parse(hex));
        try
        {
            read(ref reader);
        }
        catch (MessagePackException ex)
        {
            return ex;
        }
        catch (Exception ex) when (MessagePackReader.IsLibraryFailure(ex))
        {
            // What the codec's entry points do with the library's own exceptions.
            return reader.Translate(ex);
        }

        throw new Xunit.Sdk.XunitException($"reading {hex} did not fail");
    }

    [Fact]
    public void Integers_out_of_the_target_range_are_rejected()
    {
        Assert.Contains("Int64", ReadFails("cf8000000000000000", (ref MessagePackReader r) => r.ReadInt64()).Reason, StringComparison.Ordinal);
        Assert.Contains("UInt64", ReadFails("ff", (ref MessagePackReader r) => (long)r.ReadUInt64()).Reason, StringComparison.Ordinal);
        Assert.Contains("Byte", ReadFails("cd0100", (ref MessagePackReader r) => r.ReadByte()).Reason, StringComparison.Ordinal);
        Assert.Contains("Int32", ReadFails("ce80000000", (ref MessagePackReader r) => r.ReadInt32()).Reason, StringComparison.Ordinal);
        Assert.Contains("UInt32", ReadFails("d0ff", (ref MessagePackReader r) => r.ReadUInt32()).Reason, StringComparison.Ordinal);
        Assert.Contains("Int16", ReadFails("cd8000", (ref MessagePackReader r) => r.ReadInt16()).Reason, StringComparison.Ordinal);
        var ok = new MessagePackReader(Hex.Parse("d18000"));
        Assert.Equal(short.MinValue, ok.ReadInt16());
    }

    [Theory]
    [InlineData("a2c328")]         // invalid continuation
    [InlineData("a1ff")]           // 0xff never appears in UTF-8
    [InlineData("a3eda080")]       // encoded surrogate
    [InlineData("a2c0af")]         // overlong
    public void Invalid_utf8_is_rejected(string hex)
    {
        Assert.Contains("UTF-8", Decode(hex).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_map_keys_are_rejected()
    {
        Assert.Contains("more than once", Decode("82 a161 01 a161 02").Reason, StringComparison.Ordinal);
        string many = "de0010" + string.Concat(Enumerable.Range(0, 15).Select(i => $"{i:x2}00")) + "0000";
        Assert.Contains("more than once", Decode(many).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamp_with_invalid_nanoseconds_is_rejected()
    {
        // 64-bit form with nanoseconds = 2^30-1 (> 999,999,999).
        Assert.Contains("nanoseconds", Decode("d7ff fffffffc 00000000").Reason, StringComparison.Ordinal);
        Assert.Contains("nanoseconds", Decode("c70cff 3b9aca00 0000000000000000").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_mismatch_says_what_was_expected_and_found()
    {
        MessagePackException ex = ReadFails("a161", (ref MessagePackReader r) => r.ReadInt64());
        Assert.Contains("expected integer", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("string", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_passes_over_every_type()
    {
        byte[] bytes = Hex.Parse("98 c0 c3 cf0000000100000000 cb3ff8000000000000 a3616263 c40101 d6ff00000001 81a161 92 01 02");
        var reader = new MessagePackReader(bytes);
        reader.Skip();
        Assert.True(reader.End);
    }

    [Fact]
    public void Sequence_input_spanning_segments_reads_like_contiguous_input()
    {
        byte[] bytes = MessagePackValue.Map(("a", MessagePackValue.From("hello")), ("b", MessagePackValue.From(300L))).Encode();
        var first = new Segment(bytes.AsMemory(0, 3));
        Segment last = first.Append(bytes.AsMemory(3));
        var sequence = new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        var reader = new MessagePackReader(sequence);
        MessagePackValue value = MessagePackValue.Read(ref reader);
        Assert.Equal(300, value["b"]!.AsInt64());
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
