using System.Text;
using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Tests.MessagePack;

/// <summary>
/// Strings are read through an ASCII fast path that works in 16-byte blocks, 8-byte words and single bytes
/// depending on the length; these walk every length across those edges with the first non-ASCII byte in every
/// position, so a block that skipped its check or a tail that was not copied shows up as a wrong string.
/// </summary>
public sealed class StringReadingTests
{
    public static TheoryData<int> Lengths() => new(Enumerable.Range(0, 70));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Ascii_text_of_every_length_reads_back_exactly(int length)
    {
        // Distinct characters per position, so a block copied to the wrong place cannot pass.
        string text = new(Enumerable.Range(0, length).Select(i => (char)(' ' + 1 + (i % 94))).ToArray());
        Assert.Equal(text, RoundTrip(text));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Non_ascii_at_every_position_reads_back_exactly(int length)
    {
        for (int position = 0; position < length; position++)
        {
            char[] chars = Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))).ToArray();
            chars[position] = 'é';
            string text = new(chars);
            Assert.Equal(text, RoundTrip(text));
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(40)]
    public void Invalid_utf8_after_an_ascii_prefix_is_still_rejected(int prefix)
    {
        // 0xff never appears in UTF-8: the fast path must hand it to the strict decoder, not widen it.
        byte[] bytes = [0xd9, (byte)(prefix + 1), .. Enumerable.Repeat((byte)'x', prefix), 0xff];
        var exception = Assert.Throws<MessagePackException>(() => MessagePackValue.Decode(bytes));
        Assert.Contains("UTF-8", exception.Reason, StringComparison.Ordinal);
    }

    private static string RoundTrip(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        byte[] encoded = Hex.Write((ref MessagePackWriter w) => w.WriteString(text));

        // The string sits inside a larger buffer, as in a real message, and is followed by other bytes the
        // reader must not take for characters.
        byte[] framed = [.. encoded, 0xc3, 0xa1, 0xff];
        var reader = new MessagePackReader(framed);
        string read = reader.ReadString();
        Assert.Equal(encoded.Length, reader.Position);
        Assert.Equal(utf8.Length, Encoding.UTF8.GetByteCount(read));
        return read;
    }
}
