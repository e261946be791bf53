using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>Counters and latency for one request type.</summary>
/// <param name="Name">The request variant (<c>Search</c>, ...).</param>
/// <param name="Count">Requests answered.</param>
/// <param name="Failures">Of those, answered with an Error.</param>
/// <param name="P50Micros">Median handling latency in microseconds.</param>
/// <param name="P99Micros">99th percentile handling latency in microseconds.</param>
public sealed record RequestMetrics(string Name, ulong Count, ulong Failures, ulong P50Micros, ulong P99Micros)
{
    private static readonly StructFields Fields = new(nameof(RequestMetrics), 2, "name", "count", "failures", "p50_us", "p99_us");

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteStringUtf8("name"u8);
        writer.WriteString(Name);
        writer.WriteStringUtf8("count"u8);
        writer.WriteUInt64(Count);
        writer.WriteStringUtf8("failures"u8);
        writer.WriteUInt64(Failures);
        writer.WriteStringUtf8("p50_us"u8);
        writer.WriteUInt64(P50Micros);
        writer.WriteStringUtf8("p99_us"u8);
        writer.WriteUInt64(P99Micros);
    }

    internal static RequestMetrics Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string name = string.Empty;
        Span<ulong> numbers = stackalloc ulong[4];
        for (int i = 0; i < count; i++)
        {
            int field = Fields.Next(ref reader, ref seen);
            if (field == 0)
            {
                name = reader.ReadString();
            }
            else if (field > 0)
            {
                numbers[field - 1] = reader.ReadUInt64();
            }
        }

        Fields.RequireAll(seen, start);
        return new RequestMetrics(name, numbers[0], numbers[1], numbers[2], numbers[3]);
    }
}
