namespace Omg;

/// <summary>omgd's counters for one request type, part of <see cref="DaemonInfo"/>.</summary>
public sealed class RequestStatistic
{
    /// <summary>The request type (<c>Search</c>, <c>Info</c>, ...).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Requests answered.</summary>
    public long Count { get; init; }

    /// <summary>Requests answered with an error.</summary>
    public long Failures { get; init; }

    /// <summary>Median latency in microseconds.</summary>
    public long P50Micros { get; init; }

    /// <summary>99th percentile latency in microseconds.</summary>
    public long P99Micros { get; init; }

    /// <summary>The request type and its counts.</summary>
    public override string ToString() => $"{Name}: {Count} ({Failures} failed), p50 {P50Micros} us, p99 {P99Micros} us";
}
