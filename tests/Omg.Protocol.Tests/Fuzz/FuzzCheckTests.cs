using CsCheck;
using Omg.Tests.Shared.Fuzzing;
using Xunit.Abstractions;

namespace Omg.Protocol.Tests.Fuzz;

/// <summary>The fuzz driver itself: a failing property is reported with a replayable seed, and a run is the same run every time.</summary>
public sealed class FuzzCheckTests(ITestOutputHelper output)
{
    [Fact]
    public void A_property_that_fails_is_reported_with_its_seed_and_a_shrunk_case()
    {
        FuzzFailureException ex = Assert.Throws<FuzzFailureException>(() =>
            FuzzCheck.Run("driver.fails", Gen.Byte.Array[0, 64], bytes => Assert.True(bytes.Length < 20), 10_000, output));
        Assert.Contains("seed ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("shrunk by CsCheck", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<Xunit.Sdk.XunitException>(ex.InnerException);
    }

    [Fact]
    public void The_same_target_draws_the_same_inputs_on_every_run()
    {
        List<string> Draw()
        {
            var drawn = new List<string>();
            FuzzCheck.Run("driver.same", Gen.Byte.Array[0, 64], bytes => drawn.Add(Convert.ToHexString(bytes)), 50, output);
            return drawn;
        }

        List<string> first = Draw();
        Assert.Equal(first, Draw());
        Assert.True(first.Distinct().Count() > 40, "the inputs should differ from one another");
    }

    [Fact]
    public void An_input_that_never_returns_fails_the_target_instead_of_hanging()
    {
        // Only the first input hangs; the limit is the driver's, so this test takes as long as that limit.
        var release = new ManualResetEventSlim();
        try
        {
            TimeoutException ex = Assert.Throws<TimeoutException>(() =>
                FuzzCheck.Run("driver.hangs", Gen.Int, _ => release.Wait(), 1, output, hangLimit: TimeSpan.FromMilliseconds(200)));
            Assert.Contains("has not returned", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            release.Set();
        }
    }
}
