using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Metrics: the daemon's identity and counters since it started.</summary>
public sealed record MetricsResult : ResponseResult
{
    private static readonly string[] NumberKeys =
    [
        "pid", "uptime_seconds", "active_connections", "total_connections", "rejected_connections",
        "bytes_in", "bytes_out", "rate_limited", "validation_failures",
    ];

    // All fields are additive: none is required.
    private static readonly StructFields Fields = new(nameof(MetricsResult), 0, ["version", "requests", .. NumberKeys]);

    /// <summary>omgd's version.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>omgd's process id.</summary>
    public ulong Pid { get; init; }

    /// <summary>Seconds since omgd started.</summary>
    public ulong UptimeSeconds { get; init; }

    /// <summary>Connections open now.</summary>
    public ulong ActiveConnections { get; init; }

    /// <summary>Connections accepted since start.</summary>
    public ulong TotalConnections { get; init; }

    /// <summary>Connections refused (peer uid, connection limit).</summary>
    public ulong RejectedConnections { get; init; }

    /// <summary>Bytes received.</summary>
    public ulong BytesIn { get; init; }

    /// <summary>Bytes sent.</summary>
    public ulong BytesOut { get; init; }

    /// <summary>Requests refused by a rate limit.</summary>
    public ulong RateLimited { get; init; }

    /// <summary>Requests refused as invalid (INVALID_PARAMS).</summary>
    public ulong ValidationFailures { get; init; }

    /// <summary>Per request type counters, sorted by name.</summary>
    public IReadOnlyList<RequestMetrics> Requests { get; init; } = [];

    /// <inheritdoc />
    public override string Variant => "Metrics";

    internal static MetricsResult ReadValue(ref MessagePackReader reader)
    {
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string version = string.Empty;
        Span<ulong> numbers = stackalloc ulong[NumberKeys.Length];
        RequestMetrics[] requests = [];
        for (int i = 0; i < count; i++)
        {
            int field = Fields.Next(ref reader, ref seen);
            if (field == 0)
            {
                version = reader.ReadString();
            }
            else if (field == 1)
            {
                int n = reader.ReadArrayHeader();
                reader.EnterNested();
                requests = new RequestMetrics[n];
                for (int j = 0; j < n; j++)
                {
                    requests[j] = RequestMetrics.Read(ref reader);
                }

                reader.LeaveNested();
            }
            else if (field > 1)
            {
                numbers[field - 2] = reader.ReadUInt64();
            }
        }

        return new MetricsResult
        {
            Version = version,
            Pid = numbers[0],
            UptimeSeconds = numbers[1],
            ActiveConnections = numbers[2],
            TotalConnections = numbers[3],
            RejectedConnections = numbers[4],
            BytesIn = numbers[5],
            BytesOut = numbers[6],
            RateLimited = numbers[7],
            ValidationFailures = numbers[8],
            Requests = requests,
        };
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(NumberKeys.Length + 2);
        writer.WriteStringUtf8("version"u8);
        writer.WriteString(Version);
        ulong[] numbers = [Pid, UptimeSeconds, ActiveConnections, TotalConnections, RejectedConnections, BytesIn, BytesOut, RateLimited, ValidationFailures];
        for (int i = 0; i < NumberKeys.Length; i++)
        {
            writer.WriteString(NumberKeys[i]);
            writer.WriteUInt64(numbers[i]);
        }

        writer.WriteStringUtf8("requests"u8);
        writer.WriteArrayHeader(Requests.Count);
        foreach (RequestMetrics metrics in Requests)
        {
            metrics.Write(ref writer);
        }
    }
}
