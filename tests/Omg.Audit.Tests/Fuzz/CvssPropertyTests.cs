using CsCheck;
using Omg.Audit.Severity;
using Omg.Tests.Shared.Fuzzing;
using Xunit.Abstractions;

namespace Omg.Audit.Tests.Fuzz;

/// <summary>CVSS scores as properties: every valid vector scores in range, and a more severe base metric never lowers a v3.x score.</summary>
public sealed class CvssPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_valid_vector_of_each_version_gets_a_score_in_tenths_from_0_to_10()
    {
        FuzzCheck.Run(
            "audit.cvss-valid",
            CvssVectorGen.Valid,
            vector =>
            {
                FuzzPropertyException.Unless(CvssScore.TryCompute(vector, out _), $"valid vector refused: {vector}");
                AuditFuzzTargets.Cvss(System.Text.Encoding.UTF8.GetBytes(vector));
            },
            20_000,
            output);
    }

    [Fact]
    public void A_more_severe_v3_base_metric_never_lowers_the_score()
    {
        // S (scope) has no severity order of its own; every other base metric's values run from least to most severe.
        int[] ordered = Enumerable.Range(0, CvssVectorGen.Base3.Length).Where(i => CvssVectorGen.Base3[i].Metric != "S").ToArray();
        FuzzCheck.Run(
            "audit.cvss-monotonic",
            Gen.Select(Gen.OneOf("CVSS:3.0", "CVSS:3.1"), CvssVectorGen.Base3Choice, Gen.Int[0, ordered.Length - 1]),
            sample =>
            {
                (string prefix, int[] choice, int which) = sample;
                int metric = ordered[which];
                int[] higher = (int[])choice.Clone();
                if (higher[metric] == CvssVectorGen.Base3[metric].Values.Length - 1)
                {
                    return;
                }

                higher[metric]++;
                string lowVector = CvssVectorGen.Vector3(prefix, choice), highVector = CvssVectorGen.Vector3(prefix, higher);
                Assert.True(CvssScore.TryCompute(lowVector, out double low), lowVector);
                Assert.True(CvssScore.TryCompute(highVector, out double high), highVector);
                FuzzPropertyException.Unless(low <= high, $"{lowVector} scores {low} but the more severe {highVector} {high}");
            },
            20_000,
            output);
    }
}
