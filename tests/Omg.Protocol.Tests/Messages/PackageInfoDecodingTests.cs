using Omg.Protocol;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Xunit;

namespace Omg.Protocol.Tests.Messages;

/// <summary>
/// Search hits are read through a straight path for the usual shape (five keys in order); every other shape
/// a conforming writer may send must decode the same way through the general path.
/// </summary>
public sealed class PackageInfoDecodingTests
{
    private static readonly (string Key, MessagePackValue Value)[] InOrder =
    [
        ("name", MessagePackValue.From("vim")),
        ("version", MessagePackValue.From("2:9.0.1378-2")),
        ("description", MessagePackValue.From("Vi IMproved - enhanced vi editor")),
        ("source", MessagePackValue.From("apt")),
        ("installed", MessagePackValue.True),
    ];

    private static PackageInfo DecodeOne(params (string Key, MessagePackValue Value)[] fields)
    {
        var search = MessagePackValue.Map(("packages", MessagePackValue.Array(MessagePackValue.Map(fields))), ("total", MessagePackValue.From(1L)));
        var response = MessagePackValue.Map(("Success", MessagePackValue.Map(("id", MessagePackValue.From(3L)), ("result", MessagePackValue.Map(("Search", search))))));
        var result = (SearchResult)((SuccessResponse)MessageCodec.DecodeResponse(response.Encode())).Result;
        return Assert.Single(result.Packages);
    }

    [Fact]
    public void The_usual_shape_decodes()
    {
        Assert.Equal(new PackageInfo("vim", "2:9.0.1378-2", "Vi IMproved - enhanced vi editor", "apt", true), DecodeOne(InOrder));
    }

    [Fact]
    public void The_writer_emits_the_seed_key_names_in_order()
    {
        // The writer's constant keys and the reader's field table must name the same fields.
        var written = MessageCodec.Encode(new SuccessResponse(3, new SearchResult([new PackageInfo("vim", "2:9.0.1378-2", "Vi IMproved - enhanced vi editor", "apt", true)], 1)));
        var search = MessagePackValue.Map(("packages", MessagePackValue.Array(MessagePackValue.Map(InOrder))), ("total", MessagePackValue.From(1L)));
        var expected = MessagePackValue.Map(("Success", MessagePackValue.Map(("id", MessagePackValue.From(3L)), ("result", MessagePackValue.Map(("Search", search))))));
        Assert.Equal(Convert.ToHexString(expected.Encode()), Convert.ToHexString(written));
    }

    [Fact]
    public void Reordered_keys_decode_the_same()
    {
        Assert.Equal(DecodeOne(InOrder), DecodeOne([.. InOrder.Reverse()]));
        Assert.Equal(DecodeOne(InOrder), DecodeOne(InOrder[0], InOrder[1], InOrder[3], InOrder[2], InOrder[4]));
    }

    [Fact]
    public void The_optional_installed_key_may_be_missing_and_unknown_keys_are_skipped()
    {
        Assert.False(DecodeOne(InOrder[..4]).Installed);
        var extra = DecodeOne([.. InOrder, ("homepage", MessagePackValue.From("https://www.vim.org/"))]);
        Assert.Equal(DecodeOne(InOrder), extra);
        var early = DecodeOne(InOrder[0], ("future", MessagePackValue.Map(("x", MessagePackValue.From(1L)))), InOrder[1], InOrder[2], InOrder[3], InOrder[4]);
        Assert.Equal(DecodeOne(InOrder), early);
    }

    [Fact]
    public void Other_sources_and_non_ascii_text_decode()
    {
        var npm = DecodeOne(InOrder[0], InOrder[1], ("description", MessagePackValue.From("Éditeur — ünïcode ✓")), ("source", MessagePackValue.From("npm")), InOrder[4]);
        Assert.Equal("npm", npm.Source);
        Assert.Equal("Éditeur — ünïcode ✓", npm.Description);
        Assert.Equal("local-build", DecodeOne(InOrder[0], InOrder[1], InOrder[2], ("source", MessagePackValue.From("local-build")), InOrder[4]).Source);
    }

    [Fact]
    public void A_missing_required_key_is_named()
    {
        var ex = Assert.ThrowsAny<MessagePackException>(() => DecodeOne(InOrder[0], InOrder[2], InOrder[3], InOrder[4]));
        Assert.Contains("'version'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_on_either_path()
    {
        Assert.ThrowsAny<MessagePackException>(() => DecodeOne(InOrder[0], ("version", MessagePackValue.From(9L)), InOrder[2], InOrder[3], InOrder[4]));
        Assert.ThrowsAny<MessagePackException>(() => DecodeOne(InOrder[1], ("name", MessagePackValue.True), InOrder[2], InOrder[3], InOrder[4]));
    }

    [Fact]
    public void Long_empty_and_shared_values_in_the_usual_shape_decode()
    {
        // fixstr, str8, str16 and str32 descriptions; an empty version; each backend name; installed false.
        foreach (int length in new[] { 0, 31, 32, 255, 256, 65535, 65536 })
        {
            string text = new('d', length);
            Assert.Equal(text, DecodeOne(InOrder[0], InOrder[1], ("description", MessagePackValue.From(text)), InOrder[3], InOrder[4]).Description);
        }

        Assert.Equal(string.Empty, DecodeOne(InOrder[0], ("version", MessagePackValue.From(string.Empty)), InOrder[2], InOrder[3], InOrder[4]).Version);
        foreach (string source in new[] { "apt", "npm", "pypi", "ap", "pypi2" })
        {
            Assert.Equal(source, DecodeOne(InOrder[0], InOrder[1], InOrder[2], ("source", MessagePackValue.From(source)), ("installed", MessagePackValue.False)).Source);
        }

        Assert.False(DecodeOne(InOrder[0], InOrder[1], InOrder[2], InOrder[3], ("installed", MessagePackValue.False)).Installed);
    }

    [Fact]
    public void Hits_that_leave_the_straight_path_do_not_disturb_their_neighbours()
    {
        PackageInfo[] hits =
        [
            new("vim", "2:9.0.1378-2", "Vi IMproved - enhanced vi editor", "apt", true),
            new("café-tools", "1.0", "Outils — ünïcode", "pypi", false),
            new("left-pad", "1.3.0", new string('x', 70000), "npm", false),
            new("zsh", "5.9-4", "shell with lots of features", "local", true),
        ];
        var decoded = (SearchResult)((SuccessResponse)MessageCodec.DecodeResponse(MessageCodec.Encode(new SuccessResponse(9, new SearchResult(hits, 4))))).Result;
        Assert.Equal(hits, decoded.Packages);
        Assert.Equal(4UL, decoded.Total);
    }

    [Fact]
    public void An_installed_flag_that_is_not_a_boolean_is_refused()
    {
        Assert.ThrowsAny<MessagePackException>(() => DecodeOne(InOrder[0], InOrder[1], InOrder[2], InOrder[3], ("installed", MessagePackValue.Nil)));
        Assert.ThrowsAny<MessagePackException>(() => DecodeOne(InOrder[0], InOrder[1], InOrder[2], InOrder[3], ("installed", MessagePackValue.From(1L))));
    }
}
