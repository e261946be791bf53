using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Tests.MessagePack;

public sealed class WriterVectorTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(long.MaxValue, "cf7fffffffffffffff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Integers_use_the_smallest_encoding(long value, string hex)
    {
        Assert.Equal(hex, Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteInt64(value))));
        var reader = new MessagePackReader(Hex.Parse(hex));
        Assert.Equal(value, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void UInt64_max_uses_uint64()
    {
        byte[] bytes = Hex.Write((ref MessagePackWriter w) => w.WriteUInt64(ulong.MaxValue));
        Assert.Equal("cfffffffffffffffff", Hex.Of(bytes));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
    }

    [Fact]
    public void Nil_and_booleans()
    {
        Assert.Equal("c0", Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteNil())));
        Assert.Equal("c2", Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteBoolean(false))));
        Assert.Equal("c3", Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteBoolean(true))));
    }

    [Fact]
    public void Floats_are_written_big_endian_in_their_own_width()
    {
        Assert.Equal("ca3fc00000", Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteSingle(1.5f))));
        Assert.Equal("cb3ff8000000000000", Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteDouble(1.5))));
        Assert.Equal("cbc00921fb54442d18", Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteDouble(-Math.PI))));
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(1, "a1")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void String_headers_at_every_boundary(int length, string headerHex)
    {
        string text = new('x', length);
        byte[] bytes = Hex.Write((ref MessagePackWriter w) => w.WriteString(text));
        Assert.StartsWith(headerHex, Hex.Of(bytes.AsSpan(0, Math.Min(bytes.Length, 5))), StringComparison.Ordinal);
        Assert.Equal((headerHex.Length / 2) + length, bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(text, reader.ReadString());
        Assert.True(reader.End);
    }

    [Fact]
    public void String_length_counts_utf8_bytes_not_chars()
    {
        // 11 chars, 31 bytes: still a fixstr; one more 3-byte char makes it str8.
        string fits = "€€€€€€€€€€x";
        Assert.Equal("bf", Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteString(fits)).AsSpan(0, 1)));
        string over = "€€€€€€€€€€€";
        Assert.Equal("d921", Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteString(over)).AsSpan(0, 2)));
    }

    [Theory]
    [InlineData(30, "é", "d920")]   // ASCII then one 2-byte char at the end: 32 bytes, so str8, not fixstr
    [InlineData(29, "é", "bf")]     // 31 bytes: still a fixstr
    [InlineData(40, "€", "d92b")]   // a str8 whose last char leaves the ASCII path
    [InlineData(0, "😀", "a4")]     // a surrogate pair is one 4-byte char
    public void Text_that_leaves_ascii_late_is_sized_by_its_utf8_bytes(int asciiPrefix, string tail, string headerHex)
    {
        string text = new string('x', asciiPrefix) + tail;
        byte[] bytes = Hex.Write((ref MessagePackWriter w) => w.WriteString(text));
        Assert.StartsWith(headerHex, Hex.Of(bytes), StringComparison.Ordinal);
        Assert.Equal((headerHex.Length / 2) + System.Text.Encoding.UTF8.GetByteCount(text), bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(text, reader.ReadString());
        Assert.True(reader.End);
    }

    [Fact]
    public void Lone_surrogate_is_refused_by_the_writer()
    {
        Assert.Throws<ArgumentException>(() => Hex.Write((ref MessagePackWriter w) => w.WriteString("a\ud800b")));
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65535, "c5ffff")]
    [InlineData(65536, "c600010000")]
    public void Binary_headers_at_every_boundary(int length, string headerHex)
    {
        byte[] data = new byte[length];
        Random.Shared.NextBytes(data);
        byte[] bytes = Hex.Write((ref MessagePackWriter w) => w.WriteBinary(data));
        Assert.Equal(headerHex, Hex.Of(bytes.AsSpan(0, headerHex.Length / 2)));
        var reader = new MessagePackReader(bytes);
        Assert.True(reader.ReadBinary().SequenceEqual(data));
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65535, "dcffff", "deffff")]
    [InlineData(65536, "dd00010000", "df00010000")]
    public void Array_and_map_headers_at_every_boundary(int count, string arrayHex, string mapHex)
    {
        Assert.Equal(arrayHex, Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteArrayHeader(count))));
        Assert.Equal(mapHex, Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteMapHeader(count))));
    }

    [Theory]
    [InlineData(1, "d405")]
    [InlineData(2, "d505")]
    [InlineData(4, "d605")]
    [InlineData(8, "d705")]
    [InlineData(16, "d805")]
    [InlineData(0, "c70005")]
    [InlineData(3, "c70305")]
    [InlineData(17, "c71105")]
    [InlineData(255, "c7ff05")]
    [InlineData(256, "c8010005")]
    [InlineData(65535, "c8ffff05")]
    [InlineData(65536, "c90001000005")]
    public void Extension_headers_pick_fixext_when_the_length_fits(int length, string headerHex)
    {
        byte[] data = new byte[length];
        byte[] bytes = Hex.Write((ref MessagePackWriter w) => w.WriteExtension(5, data));
        Assert.Equal(headerHex, Hex.Of(bytes.AsSpan(0, headerHex.Length / 2)));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(length, reader.ReadExtension(out sbyte type).Length);
        Assert.Equal(5, type);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0L, 0u, "d6ff00000000")]
    [InlineData(4294967295L, 0u, "d6ffffffffff")]
    [InlineData(4294967296L, 0u, "d7ff0000000100000000")]
    [InlineData(1L, 1u, "d7ff0000000400000001")]
    [InlineData(17179869183L, 999999999u, "d7ffee6b27ffffffffff")]
    [InlineData(17179869184L, 0u, "c70cff000000000000000400000000")]
    [InlineData(-1L, 500u, "c70cff000001f4ffffffffffffffff")]
    public void Timestamps_use_the_32_64_and_96_bit_forms(long seconds, uint nanos, string hex)
    {
        var ts = new MessagePackTimestamp(seconds, nanos);
        Assert.Equal(hex, Hex.Of(Hex.Write((ref MessagePackWriter w) => w.WriteTimestamp(ts))));
        var reader = new MessagePackReader(Hex.Parse(hex));
        Assert.Equal(ts, reader.ReadTimestamp());
        Assert.True(reader.End);
    }

    [Fact]
    public void Timestamp_converts_to_and_from_DateTimeOffset()
    {
        var when = new DateTimeOffset(2026, 11, 21, 12, 30, 15, TimeSpan.Zero).AddTicks(1234567);
        MessagePackTimestamp ts = MessagePackTimestamp.FromDateTimeOffset(when);
        Assert.Equal(123456700u, ts.Nanoseconds);
        Assert.Equal(when, ts.ToDateTimeOffset());
        var before = new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(5);
        Assert.Equal(before, MessagePackTimestamp.FromDateTimeOffset(before).ToDateTimeOffset());
    }

    [Fact]
    public void Writer_spans_many_buffer_segments()
    {
        // A tiny-segment buffer writer forces the writer to ask for memory many times.
        var output = new SmallChunkBufferWriter(7);
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(3);
        writer.WriteString(new string('a', 100));
        writer.WriteBinary(new byte[300]);
        writer.WriteInt64(-129);
        writer.Flush();
        var reader = new MessagePackReader(output.ToArray());
        Assert.Equal(3, reader.ReadArrayHeader());
        Assert.Equal(new string('a', 100), reader.ReadString());
        Assert.Equal(300, reader.ReadBinary().Length);
        Assert.Equal(-129, reader.ReadInt64());
        Assert.True(reader.End);
    }

    private sealed class SmallChunkBufferWriter(int chunk) : System.Buffers.IBufferWriter<byte>
    {
        private readonly List<byte> _bytes = [];
        private byte[] _current = [];

        public void Advance(int count) => _bytes.AddRange(_current.AsSpan(0, count).ToArray());

        public Memory<byte> GetMemory(int sizeHint = 0) => _current = new byte[Math.Max(sizeHint, chunk)];

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public byte[] ToArray() => [.. _bytes];
    }
}
