using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Protocol.Tests.Messages;

/// <summary>
/// What the codec adds to MessagePack-CSharp's reader for network input: the library's skip recurses without a
/// bound and its string reads substitute U+FFFD for invalid UTF-8, so unknown fields and keys are checked by the
/// codec itself; its 32-bit lengths are signed, so a length past 2 GiB must be refused before the library slices.
/// </summary>
public sealed class UntrustedInputTests
{
    private static ProtocolException ParseError(byte[] payload)
    {
        ProtocolException ex = Assert.Throws<ProtocolException>(() => MessageCodec.DecodeRequest(payload));
        Assert.Equal(ErrorCodes.ParseError, ex.ErrorCode);
        return ex;
    }

    // {"Info": {"id": 5, "package": "vim", "x": <value>}}
    private static byte[] InfoWithUnknownField(byte[] value) =>
        [.. Hex.Parse("81a4496e666f83a2696405a77061636b616765a376696da178"), .. value];

    [Fact]
    public void An_unknown_field_nested_past_the_bound_is_refused_not_recursed_into()
    {
        // Half a megabyte of nested one-element arrays in a field the reader does not know.
        byte[] deep = [.. Enumerable.Repeat((byte)0x91, 512 * 1024), 0x00];
        ProtocolException ex = ParseError(InfoWithUnknownField(deep));
        Assert.Contains("nesting", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5UL, ex.RequestId);

        // Within the bound the same field is skipped.
        var info = Assert.IsType<InfoRequest>(MessageCodec.DecodeRequest(InfoWithUnknownField([.. Enumerable.Repeat((byte)0x91, 40), 0x00])));
        Assert.Equal("vim", info.Package);
    }

    [Theory]
    [InlineData("a2c328")]                 // an invalid string as the unknown field's value
    [InlineData("81a1ff01")]               // inside a map in it, as a key
    [InlineData("92a161a3eda080")]         // an encoded surrogate inside an array in it
    public void Invalid_utf8_in_a_skipped_field_is_refused(string valueHex)
    {
        ProtocolException ex = ParseError(InfoWithUnknownField(Hex.Parse(valueHex)));
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5UL, ex.RequestId);
    }

    [Fact]
    public void An_unknown_key_that_is_not_utf8_is_refused()
    {
        // {"Info": {"id": 5, "package": "vim", <0xff>: 1}}
        ProtocolException ex = ParseError(Hex.Parse("81a4496e666f83a2696405a77061636b616765a376696da1ff01"));
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dbfffffff0")]             // str32 with a length the library would read as negative
    [InlineData("db80000000")]
    [InlineData("c6fffffff0")]             // bin32 likewise
    [InlineData("ddfffffff0")]             // array32
    [InlineData("dffffffff0")]             // map32
    public void Lengths_past_two_gibibytes_are_refused_where_they_start(string valueHex)
    {
        byte[] payload = InfoWithUnknownField(Hex.Parse(valueHex));
        ProtocolException ex = ParseError(payload);
        Assert.Equal(5UL, ex.RequestId);
        var inner = Assert.IsType<MessagePackException>(ex.InnerException);
        Assert.Equal(payload.Length - (valueHex.Length / 2), inner.Position);
    }

    [Fact]
    public void A_nil_where_a_string_belongs_is_refused()
    {
        // The library reads nil as a null string; the protocol's strings are never nil.
        ProtocolException ex = ParseError(Hex.Parse("81a4496e666f82a2696405a77061636b616765c0"));
        Assert.Contains("expected string, found nil", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5UL, ex.RequestId);
    }
}
