using System.Diagnostics;

namespace Omg.Tests.Shared;

/// <summary>
/// Waits for something another thread or process makes true. The deadline only stops a broken test from hanging:
/// it is generous on purpose, because how fast a machine gets there is a benchmark's question, not a test's.
/// </summary>
internal static class Eventually
{
    /// <summary>How long a condition gets before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test, naming <paramref name="what"/>, when it never does.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what = "the condition")
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > Deadline)
            {
                throw new TimeoutException($"{what} did not happen within {Deadline.TotalSeconds:0} s");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Returns the first value <paramref name="probe"/> gives that <paramref name="done"/> accepts (the last one tried when it never does, for the test's own asserts).</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            T value = await probe();
            if (done(value) || waited.Elapsed > Deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
