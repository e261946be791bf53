using System.Collections.Concurrent;
using System.Diagnostics;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Metrics;

/// <summary>The daemon's counters since start, as the Metrics request reports them.</summary>
public sealed class DaemonMetrics
{
    private readonly ConcurrentDictionary<string, VariantStats> _variants = new(StringComparer.Ordinal);
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _activeConnections;
    private long _totalConnections;
    private long _rejectedConnections;
    private long _bytesIn;
    private long _bytesOut;
    private long _rateLimited;
    private long _validationFailures;
    private long _lastRequestTick;

    /// <summary>Connections open now.</summary>
    public long ActiveConnections => Interlocked.Read(ref _activeConnections);

    /// <summary>Counts a connection that was accepted.</summary>
    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _activeConnections);
        Interlocked.Increment(ref _totalConnections);
    }

    /// <summary>Counts a connection that ended.</summary>
    public void ConnectionClosed() => Interlocked.Decrement(ref _activeConnections);

    /// <summary>Counts a connection refused (peer uid or connection limit).</summary>
    public void ConnectionRejected() => Interlocked.Increment(ref _rejectedConnections);

    /// <summary>Counts bytes read from clients.</summary>
    public void AddBytesIn(long count) => Interlocked.Add(ref _bytesIn, count);

    /// <summary>Counts bytes written to clients.</summary>
    public void AddBytesOut(long count) => Interlocked.Add(ref _bytesOut, count);

    /// <summary>Counts a request refused by a rate limit.</summary>
    public void RateLimitHit() => Interlocked.Increment(ref _rateLimited);

    /// <summary>Counts a request refused as invalid.</summary>
    public void ValidationFailed() => Interlocked.Increment(ref _validationFailures);

    /// <summary>When the last request was answered, in <see cref="Environment.TickCount64"/> milliseconds; 0 before the first.</summary>
    public long LastRequestTick => Volatile.Read(ref _lastRequestTick);

    /// <summary>Records one answered request of type <paramref name="variant"/>.</summary>
    public void RecordRequest(string variant, TimeSpan elapsed, bool failed)
    {
        Volatile.Write(ref _lastRequestTick, Environment.TickCount64);
        VariantStats stats = _variants.GetOrAdd(variant, static _ => new VariantStats());
        Interlocked.Increment(ref stats.Count);
        if (failed)
        {
            Interlocked.Increment(ref stats.Failures);
        }

        stats.Latency.Record(elapsed);
    }

    /// <summary>A snapshot for the Metrics request.</summary>
    public MetricsResult Snapshot(string version) => new()
    {
        Version = version,
        Pid = (ulong)Environment.ProcessId,
        UptimeSeconds = (ulong)Stopwatch.GetElapsedTime(_started).TotalSeconds,
        ActiveConnections = (ulong)Math.Max(0, Interlocked.Read(ref _activeConnections)),
        TotalConnections = (ulong)Interlocked.Read(ref _totalConnections),
        RejectedConnections = (ulong)Interlocked.Read(ref _rejectedConnections),
        BytesIn = (ulong)Interlocked.Read(ref _bytesIn),
        BytesOut = (ulong)Interlocked.Read(ref _bytesOut),
        RateLimited = (ulong)Interlocked.Read(ref _rateLimited),
        ValidationFailures = (ulong)Interlocked.Read(ref _validationFailures),
        // ConcurrentDictionary.ToArray takes the dictionary's locks; LINQ straight over the dictionary sizes
        // its buffer from Count and then overruns it when a new request type arrives mid-snapshot.
        Requests = _variants
            .ToArray()
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new RequestMetrics(
                pair.Key,
                (ulong)Interlocked.Read(ref pair.Value.Count),
                (ulong)Interlocked.Read(ref pair.Value.Failures),
                pair.Value.Latency.Percentile(0.50),
                pair.Value.Latency.Percentile(0.99)))
            .ToArray(),
    };

    private sealed class VariantStats
    {
        public readonly LatencyHistogram Latency = new();
        public long Count;
        public long Failures;
    }
}
