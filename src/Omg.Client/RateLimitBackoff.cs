using System.Globalization;
using System.Text.RegularExpressions;

namespace Omg.Client;

/// <summary>How long to wait before retrying a RATE_LIMITED request.</summary>
internal static partial class RateLimitBackoff
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The daemon's "retry after N ms" hint when the message has one, else exponential from 50 ms;
    /// both capped at 5 s so a bad hint cannot stall a caller.
    /// </summary>
    public static TimeSpan Delay(int attempt, string message)
    {
        Match hint = RetryAfter().Match(message);
        if (hint.Success && long.TryParse(hint.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out long ms))
        {
            return TimeSpan.FromMilliseconds(Math.Min(ms, Max.TotalMilliseconds));
        }

        double exponential = Base.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        // Jitter spreads clients that were limited together, so they do not retry in lockstep.
        double jittered = exponential * (0.75 + (Random.Shared.NextDouble() / 2));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, Max.TotalMilliseconds));
    }

    [GeneratedRegex(@"retry after (\d+) ?ms", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RetryAfter();
}
