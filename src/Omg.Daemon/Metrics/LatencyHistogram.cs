namespace Omg.Daemon.Metrics;

/// <summary>
/// A lock-free latency histogram with four buckets per power of two of microseconds (about 19 %
/// resolution) from 1 µs to over an hour: enough to tell a 50 µs p50 from a 60 µs one without keeping samples.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 4;
    private const int Octaves = 33;
    private readonly long[] _counts = new long[Octaves * SubBuckets];

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan elapsed)
    {
        long micros = Math.Max(1, (long)elapsed.TotalMicroseconds);
        Interlocked.Increment(ref _counts[BucketOf(micros)]);
    }

    /// <summary>The latency below which <paramref name="quantile"/> of the recorded ones fall, in microseconds.</summary>
    public ulong Percentile(double quantile)
    {
        long total = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            total += Volatile.Read(ref _counts[i]);
        }

        if (total == 0)
        {
            return 0;
        }

        long rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return UpperBound(i);
            }
        }

        return UpperBound(_counts.Length - 1);
    }

    private static int BucketOf(long micros)
    {
        int octave = 63 - (int)long.LeadingZeroCount(micros);
        if (octave >= Octaves)
        {
            return (Octaves * SubBuckets) - 1;
        }

        // The two bits after the leading one pick the sub-bucket within the octave.
        int sub = octave >= 2 ? (int)((micros >> (octave - 2)) & 3) : (int)((micros << (2 - octave)) & 3);
        return (octave * SubBuckets) + sub;
    }

    private static ulong UpperBound(int bucket)
    {
        int octave = bucket / SubBuckets;
        int sub = bucket % SubBuckets;
        double upper = Math.Pow(2, octave) * (1 + ((sub + 1) / (double)SubBuckets));
        return (ulong)Math.Ceiling(upper);
    }
}
