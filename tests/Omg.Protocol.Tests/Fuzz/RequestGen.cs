using CsCheck;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Omg.Protocol.Tests.MessagePack;

namespace Omg.Protocol.Tests.Fuzz;

/// <summary>Random requests of every type the protocol knows, Batch included, with any field values the types allow.</summary>
internal static class RequestGen
{
    /// <summary>How many request types <see cref="Any"/> draws from.</summary>
    public const int Types = 12;

    private static readonly Gen<string> Text = Gen.String[0, 40];

    private static readonly Gen<ulong?> OptionalNumber = Gen.ULong.Nullable();

    private static readonly Gen<MessagePackValue> Value = Gen.Int.Select(seed => new RandomValues(seed).Next());

    /// <summary>One request that is not a Batch.</summary>
    public static readonly Gen<Request> Item = Gen.Int[0, Types - 2].SelectMany(Of);

    /// <summary>Any request, a Batch of up to 8 items one time in twelve.</summary>
    public static readonly Gen<Request> Any = Gen.Int[0, Types - 1].SelectMany(type => type == Types - 1
        ? Gen.Select(Gen.ULong, Item.Array[0, 8], (id, items) => (Request)new BatchRequest(id, items))
        : Of(type));

    private static Gen<Request> Of(int type) => type switch
    {
        0 => Gen.Select(Gen.ULong, Text, OptionalNumber, Text.Array[0, 4].Null(), Gen.Bool, (id, q, limit, sources, installed) => (Request)new SearchRequest(id, q, limit, sources, installed)),
        1 => Gen.Select(Gen.ULong, Text, (id, package) => (Request)new InfoRequest(id, package)),
        2 => Gen.ULong.Select(id => (Request)new StatusRequest(id)),
        3 => Gen.ULong.Select(id => (Request)new SecurityAuditRequest(id)),
        4 => Gen.Select(Gen.ULong, Text, OptionalNumber, (id, q, limit) => (Request)new SuggestRequest(id, q, limit)),
        5 => Gen.ULong.Select(id => (Request)new PingRequest(id)),
        6 => Gen.ULong.Select(id => (Request)new MetricsRequest(id)),
        7 => Gen.ULong.Select(id => (Request)new RuntimesRequest(id)),
        8 => Gen.ULong.Select(id => (Request)new ModulesRequest(id)),
        9 => Gen.Select(Gen.ULong, Text, Value, OptionalNumber, (id, name, arguments, timeout) => (Request)new ModuleRequest(id, name, arguments, timeout)),
        _ => Gen.Select(Gen.ULong, Text.Null(), (id, source) => (Request)new UpdateAdvisoriesRequest(id, source)),
    };
}
