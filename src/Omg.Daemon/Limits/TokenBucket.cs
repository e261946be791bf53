namespace Omg.Daemon.Limits;

/// <summary>
/// A token bucket: refills at <c>rate</c> tokens per second up to <c>burst</c>. Thread-safe; a lock is
/// cheaper than it sounds here, since one bucket is shared by few threads at a time.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _stamp;

    /// <param name="rate">Tokens added per second.</param>
    /// <param name="burst">The most tokens the bucket holds (and starts with).</param>
    /// <param name="time">The clock refills are measured on; the system's unless a test steps one by hand.</param>
    public TokenBucket(double rate, double burst, TimeProvider? time = null)
    {
        _rate = rate;
        _burst = burst;
        _tokens = burst;
        _time = time ?? TimeProvider.System;
        _stamp = _time.GetTimestamp();
    }

    /// <summary>
    /// Takes <paramref name="cost"/> tokens if there are that many. A cost over the burst is taken from a full bucket and
    /// leaves it in debt, so a request bigger than the burst is admitted at the bucket's rate instead of never.
    /// </summary>
    /// <param name="cost">Tokens to take.</param>
    /// <param name="retryAfter">When refused, how long until enough tokens will have accrued.</param>
    /// <returns>True when the tokens were taken.</returns>
    public bool TryTake(double cost, out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_stamp, now).TotalSeconds * _rate));
            _stamp = now;
            if (_tokens >= Math.Min(cost, _burst))
            {
                _tokens -= cost;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            double missing = Math.Min(cost, _burst) - _tokens;
            retryAfter = TimeSpan.FromSeconds(Math.Max(missing, 0) / _rate);
            return false;
        }
    }

    /// <summary>Puts back tokens taken for a request that another limit then refused.</summary>
    public void Refund(double cost)
    {
        lock (_lock)
        {
            _tokens = Math.Min(_burst, _tokens + cost);
        }
    }
}
