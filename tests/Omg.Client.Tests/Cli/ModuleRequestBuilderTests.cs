using Omg.Cli;
using Omg.Protocol.MessagePack;

namespace Omg.Client.Tests.Cli;

public sealed class ModuleRequestBuilderTests
{
    [Fact]
    public void Argument_values_that_read_as_json_scalars_keep_their_type()
    {
        MessagePackValue request = ModuleRequestBuilder.Build(["n=3", "ratio=0.5", "on=true", "none=null", "v=1.2.3", "dash=-", "text=hello", "eq=a=b"], [], null);
        MessagePackValue arguments = request["arguments"]!;

        Assert.Equal(3, arguments["n"]!.AsInt64());
        Assert.Equal(0.5, arguments["ratio"]!.AsDouble());
        Assert.True(arguments["on"]!.AsBoolean());
        Assert.Equal(MessagePackValueKind.Nil, arguments["none"]!.Kind);
        Assert.Equal("1.2.3", arguments["v"]!.AsString());
        Assert.Equal("-", arguments["dash"]!.AsString());
        Assert.Equal("hello", arguments["text"]!.AsString());
        Assert.Equal("a=b", arguments["eq"]!.AsString());
        Assert.Null(request["options"]);
    }

    [Fact]
    public void Without_anything_the_request_is_an_empty_map()
    {
        Assert.Empty(ModuleRequestBuilder.Build([], [], null).AsMap());
    }

    [Fact]
    public void A_json_request_that_is_not_an_object_is_a_usage_error()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("omgct-json").FullName, "r.json");
        File.WriteAllText(file, "[1, 2]");

        Assert.Throws<UsageException>(() => ModuleRequestBuilder.Build([], [], file));
        Assert.Throws<UsageException>(() => ModuleRequestBuilder.Build([], [], file + ".missing"));
    }
}
