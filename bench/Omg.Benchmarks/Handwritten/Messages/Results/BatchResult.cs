using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Batch: <c>{"Batch": [Response, ...]}</c>, one response per item, in request order.</summary>
/// <param name="Responses">The items' responses (each a Success or an Error of its own).</param>
public sealed record BatchResult(IReadOnlyList<Response> Responses) : ResponseResult
{
    /// <inheritdoc />
    public override string Variant => "Batch";

    internal static BatchResult ReadValue(ref MessagePackReader reader)
    {
        int n = reader.ReadArrayHeader();
        reader.EnterNested();
        var responses = new Response[n];
        for (int i = 0; i < n; i++)
        {
            responses[i] = Response.Read(ref reader);
        }

        reader.LeaveNested();
        return new BatchResult(responses);
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(Responses.Count);
        foreach (Response response in Responses)
        {
            response.Write(ref writer);
        }
    }
}
