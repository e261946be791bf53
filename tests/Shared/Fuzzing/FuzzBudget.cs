using System.Globalization;

namespace Omg.Tests.Shared.Fuzzing;

/// <summary>
/// How much each fuzz target runs. CI runs every target for its fixed iteration count from a fixed seed, so a run
/// is the same run everywhere and a failure reproduces; longer local runs raise the budget through the environment:
/// <c>OMG_FUZZ_SCALE=N</c> multiplies every count, <c>OMG_FUZZ_SECONDS=S</c> runs each target for S seconds instead,
/// and <c>OMG_FUZZ_SEED=N</c> explores from another seed (docs/fuzzing.md).
/// </summary>
internal sealed record FuzzBudget(long Scale, int Seconds, ulong Seed)
{
    /// <summary>The seed CI uses.</summary>
    public const ulong DefaultSeed = 20261204;

    /// <summary>The budget the environment asks for; the CI defaults when it asks for nothing.</summary>
    public static FuzzBudget Current { get; } = FromEnvironment();

    /// <summary>True when the run is bounded by time rather than by count.</summary>
    public bool IsTimed => Seconds > 0;

    /// <summary>The iterations a target whose CI count is <paramref name="iterations"/> runs under this budget.</summary>
    public long Iterations(long iterations) => checked(iterations * Scale);

    private static FuzzBudget FromEnvironment() => new(
        Read("OMG_FUZZ_SCALE", 1L, long.Parse),
        Read("OMG_FUZZ_SECONDS", 0, int.Parse),
        Read("OMG_FUZZ_SEED", DefaultSeed, ulong.Parse));

    private static T Read<T>(string variable, T fallback, Func<string, NumberStyles, IFormatProvider, T> parse)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        try
        {
            return parse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            // A mistyped budget must not quietly run the CI default instead of the long run asked for.
            throw new InvalidOperationException($"{variable}='{text}' is not a non-negative whole number", ex);
        }
    }
}
