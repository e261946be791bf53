using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Protocol.Tests.Messages;

/// <summary>ModuleInfo's doc fields are additive: an older omgd's four-field shape still reads.</summary>
public sealed class ModuleInfoTests
{
    [Fact]
    public void The_four_field_shape_reads_with_empty_doc_fields()
    {
        // Modules(...) as an omgd before the doc fields wrote it: {"id":1,"result":{"Modules":[{name,version,description,path}]}}.
        byte[] older = MessageCodec.Encode(new SuccessResponse(1, new ModulesResult([new ModuleInfo("a", "1", "d", "/p")])));
        string json = MessagePackJson.ToJson(MessagePackValue.Decode(older));
        Assert.Contains("\"author\"", json, StringComparison.Ordinal);
        string stripped = json.Replace(",\"author\":\"\",\"arguments\":[],\"options\":[],\"examples\":[],\"returns\":\"\"", string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(json, stripped);

        var response = Assert.IsType<SuccessResponse>(MessageCodec.DecodeResponse(MessagePackJson.Parse(stripped).Encode()));
        ModuleInfo info = Assert.Single(Assert.IsType<ModulesResult>(response.Result).Modules);
        Assert.Equal(("a", "1", "d", "/p", string.Empty), (info.Name, info.Version, info.Description, info.Path, info.Author));
        Assert.Empty(info.Arguments);
        Assert.Empty(info.Options);
        Assert.Empty(info.Examples);
    }

    [Fact]
    public void A_missing_default_is_nil_and_comes_back_null()
    {
        var info = new ModuleInfo("a", "1", "d", "/p") { Arguments = [new ModuleArgumentInfo("x", "int", true, string.Empty, null)] };
        byte[] bytes = MessageCodec.Encode(new SuccessResponse(1, new ModulesResult([info])));
        Assert.Contains("\"default\":null", MessagePackJson.ToJson(MessagePackValue.Decode(bytes)), StringComparison.Ordinal);
        var back = Assert.IsType<SuccessResponse>(MessageCodec.DecodeResponse(bytes));
        Assert.Null(Assert.Single(Assert.Single(Assert.IsType<ModulesResult>(back.Result).Modules).Arguments).Default);
    }
}
