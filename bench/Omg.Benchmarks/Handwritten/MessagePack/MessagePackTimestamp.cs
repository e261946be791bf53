namespace Omg.Benchmarks.Handwritten.MessagePack;

/// <summary>
/// A MessagePack timestamp (extension type -1): seconds since the Unix epoch and nanoseconds. It covers
/// the full 96-bit range of the format, wider than <see cref="DateTimeOffset"/>.
/// </summary>
public readonly record struct MessagePackTimestamp
{
    /// <summary>Creates a timestamp.</summary>
    /// <param name="seconds">Seconds since 1970-01-01T00:00:00Z, may be negative.</param>
    /// <param name="nanoseconds">Nanoseconds within the second, below 1,000,000,000.</param>
    public MessagePackTimestamp(long seconds, uint nanoseconds)
    {
        if (nanoseconds >= 1_000_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(nanoseconds), nanoseconds, "Nanoseconds must be below 1,000,000,000.");
        }

        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    /// <summary>Seconds since the Unix epoch.</summary>
    public long Seconds { get; }

    /// <summary>Nanoseconds within the second.</summary>
    public uint Nanoseconds { get; }

    /// <summary>Converts from a <see cref="DateTimeOffset"/> (100 ns precision).</summary>
    public static MessagePackTimestamp FromDateTimeOffset(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new MessagePackTimestamp(seconds, (uint)(remainder * 100));
    }

    /// <summary>Converts to a <see cref="DateTimeOffset"/>, truncating below 100 ns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp lies outside what DateTimeOffset can hold.</exception>
    public DateTimeOffset ToDateTimeOffset()
    {
        const long minSeconds = -62135596800; // 0001-01-01
        const long maxSeconds = 253402300799; // 9999-12-31T23:59:59
        if (Seconds < minSeconds || Seconds > maxSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(Seconds), Seconds, "The timestamp is outside the range of DateTimeOffset.");
        }

        return DateTimeOffset.UnixEpoch.AddTicks((Seconds * TimeSpan.TicksPerSecond) + (Nanoseconds / 100));
    }

    /// <inheritdoc />
    public override string ToString() =>
        Seconds is >= -62135596800 and <= 253402300799
            ? ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : $"{Seconds}s+{Nanoseconds}ns";
}
