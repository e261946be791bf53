using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Omg.Daemon.Limits;

/// <summary>
/// Two token buckets per request: the connection's own and the one shared by every connection of the
/// same peer uid, so opening more connections does not buy more throughput.
/// </summary>
/// <param name="options">The limits.</param>
/// <param name="time">The clock the buckets refill on; the system's unless a test steps one by hand.</param>
internal sealed class RateLimiter(IOptions<DaemonOptions> options, TimeProvider? time = null)
{
    private readonly DaemonLimits _limits = options.Value.Limits;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<uint, TokenBucket> _perUid = new();

    /// <summary>A bucket for a new connection.</summary>
    public TokenBucket NewConnectionBucket() => new(_limits.ConnectionRate, _limits.ConnectionBurst, _time);

    /// <summary>Takes <paramref name="cost"/> tokens from both buckets, or neither.</summary>
    /// <returns>Null when admitted, else the message to answer with (naming the limit and when to retry).</returns>
    public string? TryAdmit(TokenBucket connection, uint uid, long cost)
    {
        if (!connection.TryTake(cost, out TimeSpan connectionWait))
        {
            return Refusal($"{_limits.ConnectionRate:0} requests/s per connection", connectionWait);
        }

        TokenBucket shared = _perUid.GetOrAdd(uid, _ => new TokenBucket(_limits.UidRate, _limits.UidBurst, _time));
        if (!shared.TryTake(cost, out TimeSpan uidWait))
        {
            connection.Refund(cost);
            return Refusal($"{_limits.UidRate:0} requests/s per user", uidWait);
        }

        return null;
    }

    private static string Refusal(string limit, TimeSpan wait) =>
        $"rate limit of {limit} exceeded; retry after {Math.Max(1, (int)Math.Ceiling(wait.TotalMilliseconds))} ms";
}
