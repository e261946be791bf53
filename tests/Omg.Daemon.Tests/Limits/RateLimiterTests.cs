using Microsoft.Extensions.Options;
using Omg.Daemon.Limits;
using Omg.Daemon.Tests.Support;

namespace Omg.Daemon.Tests.Limits;

/// <summary>The token arithmetic on a clock the test steps: exact counts and waits, no timing assumptions.</summary>
public sealed class RateLimiterTests
{
    private readonly SteppedClock _clock = new();

    [Fact]
    public void A_full_bucket_gives_its_burst_then_names_the_wait_for_the_next_token()
    {
        var bucket = new TokenBucket(rate: 5, burst: 10, _clock);

        Assert.Equal(10, Enumerable.Range(0, 30).Count(_ => bucket.TryTake(1, out TimeSpan _)));
        Assert.False(bucket.TryTake(1, out TimeSpan wait));
        Assert.Equal(TimeSpan.FromMilliseconds(200), wait);

        _clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(bucket.TryTake(1, out TimeSpan _));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(bucket.TryTake(1, out TimeSpan none));
        Assert.Equal(TimeSpan.Zero, none);
    }

    [Fact]
    public void Refills_at_the_rate_and_never_beyond_the_burst()
    {
        var bucket = new TokenBucket(rate: 5, burst: 10, _clock);
        Assert.True(bucket.TryTake(10, out _));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, Enumerable.Range(0, 30).Count(_ => bucket.TryTake(1, out TimeSpan _)));

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(10, Enumerable.Range(0, 30).Count(_ => bucket.TryTake(1, out TimeSpan _)));
    }

    [Fact]
    public void A_cost_above_the_burst_is_admitted_from_a_full_bucket_and_leaves_it_in_debt()
    {
        var bucket = new TokenBucket(rate: 5, burst: 10, _clock);

        Assert.True(bucket.TryTake(20, out TimeSpan none));
        Assert.Equal(TimeSpan.Zero, none);

        // 10 tokens of debt: the next token is 11 tokens (2.2 s) away, not 0.2 s.
        Assert.False(bucket.TryTake(1, out TimeSpan wait));
        Assert.Equal(TimeSpan.FromMilliseconds(2200), wait);
        _clock.Advance(TimeSpan.FromMilliseconds(2190));
        Assert.False(bucket.TryTake(1, out TimeSpan _));
        _clock.Advance(TimeSpan.FromMilliseconds(20)); // past 2.2 s by more than the doubles' rounding
        Assert.True(bucket.TryTake(1, out TimeSpan _));
    }

    [Fact]
    public void A_cost_above_the_burst_waits_for_a_full_bucket()
    {
        var bucket = new TokenBucket(rate: 5, burst: 10, _clock);
        Assert.True(bucket.TryTake(1, out _));

        Assert.False(bucket.TryTake(20, out TimeSpan wait));
        Assert.Equal(TimeSpan.FromMilliseconds(200), wait); // until the bucket is full again, not until 20 fit
    }

    [Fact]
    public void A_refund_puts_tokens_back_up_to_the_burst()
    {
        var bucket = new TokenBucket(rate: 5, burst: 10, _clock);
        Assert.True(bucket.TryTake(4, out _));
        bucket.Refund(4);
        bucket.Refund(100);
        Assert.True(bucket.TryTake(10, out _));
        Assert.False(bucket.TryTake(1, out TimeSpan _));
    }

    [Fact]
    public void The_uid_bucket_is_shared_by_connections_and_its_refusal_refunds_the_connection()
    {
        var limiter = Limiter(connectionRate: 0.001, connectionBurst: 4, uidRate: 1, uidBurst: 5);
        TokenBucket first = limiter.NewConnectionBucket();
        TokenBucket second = limiter.NewConnectionBucket();

        Assert.Null(limiter.TryAdmit(first, 1000, 3));
        Assert.Null(limiter.TryAdmit(second, 1000, 2));
        Assert.Equal("rate limit of 1 requests/s per user exceeded; retry after 1000 ms", limiter.TryAdmit(first, 1000, 1));
        // Another uid has a bucket of its own.
        Assert.Null(limiter.TryAdmit(second, 2000, 1));

        // The refused request's connection token came back: after a second the uid has one token again, and the
        // first connection (4 tokens, 3 spent, refilling one per 1000 s) still has its fourth.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(limiter.TryAdmit(first, 1000, 1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.StartsWith("rate limit of 0 requests/s per connection exceeded; retry after ", limiter.TryAdmit(first, 1000, 1));
    }

    private RateLimiter Limiter(double connectionRate, double connectionBurst, double uidRate, double uidBurst) =>
        new(Options.Create(new DaemonOptions
        {
            Limits = new DaemonLimits { ConnectionRate = connectionRate, ConnectionBurst = connectionBurst, UidRate = uidRate, UidBurst = uidBurst },
        }), _clock);
}
