using System.Buffers;
using Omg.Protocol.MessagePack;
using Library = MessagePack;
using OurReader = Omg.Protocol.MessagePack.MessagePackReader;
using TheirReader = MessagePack.MessagePackReader;
using TheirWriter = MessagePack.MessagePackWriter;

namespace Omg.Protocol.Tests.MessagePack;

/// <summary>
/// The reader reads the commonest formats over a span itself and leaves the rest to MessagePack-CSharp's reader
/// (see its remarks). Here the library's reader is the oracle: for every integer at and around every format
/// boundary, written in every width that holds it, and for strings of every header width, cut short or not, each of
/// the reader's typed reads must return what the library's returns, or fail where the library's fails.
/// </summary>
public sealed class LibraryAgreementTests
{
    private static readonly long[] Boundaries =
    [
        0, 1, 31, 32, 126, 127, 128, 254, 255, 256, short.MaxValue - 1, short.MaxValue, short.MaxValue + 1,
        ushort.MaxValue, ushort.MaxValue + 1, int.MaxValue, (long)int.MaxValue + 1, uint.MaxValue, (long)uint.MaxValue + 1,
        long.MaxValue, -1, -31, -32, -33, sbyte.MinValue, sbyte.MinValue - 1, short.MinValue, short.MinValue - 1,
        int.MinValue, (long)int.MinValue - 1, long.MinValue,
    ];

    /// <summary>Every encoding of the value the format allows: the smallest, and each fixed width that holds it.</summary>
    private static IEnumerable<byte[]> Encodings(long value)
    {
        yield return Write((ref TheirWriter w) => w.Write(value));
        if (value >= 0)
        {
            if (value <= byte.MaxValue) yield return Write((ref TheirWriter w) => w.WriteUInt8((byte)value));
            if (value <= ushort.MaxValue) yield return Write((ref TheirWriter w) => w.WriteUInt16((ushort)value));
            if (value <= uint.MaxValue) yield return Write((ref TheirWriter w) => w.WriteUInt32((uint)value));
            yield return Write((ref TheirWriter w) => w.WriteUInt64((ulong)value));
        }

        if (value is >= sbyte.MinValue and <= sbyte.MaxValue) yield return Write((ref TheirWriter w) => w.WriteInt8((sbyte)value));
        if (value is >= short.MinValue and <= short.MaxValue) yield return Write((ref TheirWriter w) => w.WriteInt16((short)value));
        if (value is >= int.MinValue and <= int.MaxValue) yield return Write((ref TheirWriter w) => w.WriteInt32((int)value));
        yield return Write((ref TheirWriter w) => w.WriteInt64(value));
    }

    private delegate void Writing(ref TheirWriter writer);

    private static byte[] Write(Writing write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new TheirWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static TheoryData<string> IntegerEncodings()
    {
        var data = new TheoryData<string>();
        foreach (string hex in Boundaries.SelectMany(Encodings).Select(b => Hex.Of(b)).Distinct())
        {
            data.Add(hex);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IntegerEncodings))]
    public void Every_typed_integer_read_agrees_with_the_library(string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        Agree(bytes, (ref OurReader r) => r.ReadInt64(), (ref TheirReader r) => r.ReadInt64());
        Agree(bytes, (ref OurReader r) => r.ReadUInt64(), (ref TheirReader r) => r.ReadUInt64());
        Agree(bytes, (ref OurReader r) => r.ReadInt32(), (ref TheirReader r) => r.ReadInt32());
        Agree(bytes, (ref OurReader r) => r.ReadUInt32(), (ref TheirReader r) => r.ReadUInt32());
        Agree(bytes, (ref OurReader r) => r.ReadInt16(), (ref TheirReader r) => r.ReadInt16());
        Agree(bytes, (ref OurReader r) => r.ReadByte(), (ref TheirReader r) => r.ReadByte());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void String_reads_agree_with_the_library_whole_and_cut_short(int length)
    {
        string text = new('v', length);
        byte[] smallest = Write((ref TheirWriter w) => w.Write(text));
        foreach (byte[] encoded in new[] { smallest, StrHeader(0xd9, length, text), StrHeader(0xda, length, text), StrHeader(0xdb, length, text) })
        {
            if (encoded.Length == 0)
            {
                continue;
            }

            Agree(encoded, (ref OurReader r) => r.ReadString(), (ref TheirReader r) => r.ReadString()!);
            byte[] cut = encoded[..^1];
            Agree(cut, (ref OurReader r) => r.ReadString(), (ref TheirReader r) => r.ReadString()!);
        }
    }

    [Theory]
    [InlineData("c0")]
    [InlineData("c2")]
    [InlineData("c3")]
    [InlineData("90")]
    [InlineData("9f")]
    [InlineData("80")]
    [InlineData("8f")]
    [InlineData("01")]
    public void Nil_booleans_and_container_headers_agree_with_the_library(string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        Agree(bytes, (ref OurReader r) => r.TryReadNil(), (ref TheirReader r) => r.TryReadNil(), checkEnd: false);
        Agree(bytes, (ref OurReader r) => r.ReadBoolean(), (ref TheirReader r) => r.ReadBoolean());
        Agree(bytes, (ref OurReader r) => r.ReadArrayHeader(), (ref TheirReader r) => r.ReadArrayHeader(), checkEnd: false);
        Agree(bytes, (ref OurReader r) => r.ReadMapHeader(), (ref TheirReader r) => r.ReadMapHeader(), checkEnd: false);
    }

    // A str8/str16/str32 header (when the length fits it) followed by the text; empty when it does not fit.
    private static byte[] StrHeader(byte code, int length, string text)
    {
        byte[] header = code switch
        {
            0xd9 when length <= byte.MaxValue => [code, (byte)length],
            0xda when length <= ushort.MaxValue => [code, (byte)(length >> 8), (byte)length],
            0xdb => [code, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
            _ => [],
        };
        return header.Length == 0 ? [] : [.. header, .. System.Text.Encoding.ASCII.GetBytes(text)];
    }

    private delegate T OurRead<T>(ref OurReader reader);

    private delegate T LibraryRead<T>(ref TheirReader reader);

    private static void Agree<T>(byte[] bytes, OurRead<T> ours, LibraryRead<T> theirs, bool checkEnd = true)
    {
        (bool ok, T? value, long consumed) expected;
        try
        {
            var reader = new TheirReader(bytes);
            T value = theirs(ref reader);
            expected = (true, value, reader.Consumed);
        }
        catch (Exception ex) when (ex is EndOfStreamException or Library.MessagePackSerializationException or OverflowException)
        {
            expected = (false, default, 0);
        }

        (bool ok, T? value, long consumed) actual;
        try
        {
            var reader = new OurReader(bytes);
            T value = ours(ref reader);
            actual = (true, value, reader.Position);
        }
        catch (Exception ex) when (ex is MessagePackException || OurReader.IsLibraryFailure(ex))
        {
            actual = (false, default, 0);
        }

        Assert.True(expected.ok == actual.ok, $"{Hex.Of(bytes)}: the library {(expected.ok ? "read " + expected.value : "failed")}, the reader {(actual.ok ? "read " + actual.value : "failed")}");
        Assert.Equal(expected.value, actual.value);
        if (checkEnd)
        {
            Assert.Equal(expected.consumed, actual.consumed);
        }
    }
}
