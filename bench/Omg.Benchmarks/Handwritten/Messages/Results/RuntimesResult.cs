using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Runtimes: <c>{"Runtimes": [RuntimeInfo, ...]}</c>.</summary>
/// <param name="Runtimes">Installed runtimes.</param>
public sealed record RuntimesResult(IReadOnlyList<RuntimeInfo> Runtimes) : ResponseResult
{
    /// <inheritdoc />
    public override string Variant => "Runtimes";

    internal static RuntimesResult ReadValue(ref MessagePackReader reader)
    {
        int n = reader.ReadArrayHeader();
        reader.EnterNested();
        var runtimes = new RuntimeInfo[n];
        for (int i = 0; i < n; i++)
        {
            runtimes[i] = RuntimeInfo.Read(ref reader);
        }

        reader.LeaveNested();
        return new RuntimesResult(runtimes);
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(Runtimes.Count);
        foreach (RuntimeInfo runtime in Runtimes)
        {
            runtime.Write(ref writer);
        }
    }
}
