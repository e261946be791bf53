namespace Omg.Daemon.Tests.Support;

/// <summary>A clock that moves only when a test steps it, so rate arithmetic is checked without waiting or racing.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private long _ticks = 1;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    /// <summary>Moves the clock on by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
