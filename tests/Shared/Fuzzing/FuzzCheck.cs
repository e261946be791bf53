using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace Omg.Tests.Shared.Fuzzing;

/// <summary>
/// Runs one fuzz target: draws inputs from a CsCheck generator with a PCG stream fixed by the target's name and the
/// budget's seed (so CI draws the same inputs on every run and machine), checks the property on each, and prints how
/// many executions it reached. On a failure CsCheck replays the failing seed and shrinks it to a small case; the
/// message carries both seeds. An input that never returns fails the target instead of hanging the suite.
/// </summary>
internal static class FuzzCheck
{
    // Generous on purpose: this catches an input that loops forever, not a slow one (several test classes share
    // two cores). A timed budget gets its own seconds on top.
    private static readonly TimeSpan DefaultHangLimit = TimeSpan.FromMinutes(2);

    private const long ShrinkIterations = 20_000;

    /// <summary>Checks <paramref name="property"/> on <paramref name="iterations"/> inputs (scaled by the budget).</summary>
    /// <param name="target">The target's name: it fixes the PCG stream, so its inputs do not change when other targets do.</param>
    /// <param name="gen">The inputs.</param>
    /// <param name="property">Returns when the input was handled as documented; throws otherwise.</param>
    /// <param name="iterations">The CI count.</param>
    /// <param name="output">Where the executions reached are printed.</param>
    /// <param name="print">Shows a failing input (CsCheck's printer by default).</param>
    /// <param name="hangLimit">How long the whole run may take before it counts as hung (two minutes plus the timed budget).</param>
    /// <returns>The executions reached.</returns>
    public static long Run<T>(
        string target, Gen<T> gen, Action<T> property, long iterations, ITestOutputHelper output, Func<T, string>? print = null, TimeSpan? hangLimit = null)
    {
        FuzzBudget budget = FuzzBudget.Current;
        var pcg = new PCG(StreamOf(target), budget.Seed);
        long wanted = budget.Iterations(iterations);
        long done = 0;
        ulong current = pcg.State;
        (ulong State, T Value, Exception Error)? failure = null;
        var clock = Stopwatch.StartNew();
        var worker = new Thread(
            () =>
            {
                while (budget.IsTimed ? clock.Elapsed.TotalSeconds < budget.Seconds : done < wanted)
                {
                    ulong state = pcg.State;
                    Volatile.Write(ref current, state);
                    T value = gen.Generate(pcg, null, out _);
                    try
                    {
                        property(value);
                    }
                    catch (Exception ex)
                    {
                        failure = (state, value, ex);
                        return;
                    }

                    Interlocked.Increment(ref done);
                }
            },
            maxStackSize: 16 * 1024 * 1024)
        {
            IsBackground = true,
            Name = "fuzz " + target,
        };
        worker.Start();
        TimeSpan limit = hangLimit ?? DefaultHangLimit + TimeSpan.FromSeconds(budget.Seconds);
        if (!worker.Join(limit))
        {
            throw new TimeoutException(
                $"{target}: the input from seed {pcg.ToString(Volatile.Read(ref current))} has not returned after {limit.TotalSeconds:0} s "
                + $"({Interlocked.Read(ref done):N0} executions before it); replay it with CsCheck's Single or the SharpFuzz harness");
        }

        clock.Stop();
        if (failure is { } failed)
        {
            string seed = pcg.ToString(failed.State);
            string shown = print is null ? Check.Print(failed.Value) : print(failed.Value);
            try
            {
                // The failing seed first, then random neighbours smaller than it: CsCheck keeps the smallest failure.
                gen.Sample(property, seed: seed, iter: ShrinkIterations, threads: 1, print: print);
            }
            catch (CsCheckException shrunk)
            {
                throw new FuzzFailureException($"{target} failed at execution {done + 1} (seed {seed}, budget seed {budget.Seed}): {failed.Error.GetType().Name}: {failed.Error.Message}\ninput: {Clip(shown)}\nshrunk by CsCheck: {shrunk.Message}", failed.Error);
            }

            throw new FuzzFailureException($"{target} failed at execution {done + 1} (seed {seed}, budget seed {budget.Seed}) but not on replay: {failed.Error.GetType().Name}: {failed.Error.Message}\ninput: {Clip(shown)}", failed.Error);
        }

        output.WriteLine($"fuzz {target}: {done:N0} executions in {clock.Elapsed.TotalSeconds:0.00} s (seed {budget.Seed}, scale {budget.Scale}{(budget.IsTimed ? $", {budget.Seconds} s budget" : string.Empty)})");
        return done;
    }

    // FNV-1a: stable across runs and processes, unlike string.GetHashCode, so a target's inputs depend on its name only.
    private static uint StreamOf(string target)
    {
        uint hash = 2166136261;
        foreach (char c in target)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    private static string Clip(string text) => text.Length <= 2000 ? text : text[..2000] + $"... ({text.Length} chars)";
}
