using Omg.Audit.Severity;
using Omg.Audit.Sources;

namespace Omg.Audit.Matching;

/// <summary>An advisory's score and severity word: from its CVSS vector when it has one that scores, else the word the source declares.</summary>
public static class SeverityOf
{
    /// <summary>Scores <paramref name="advisory"/>.</summary>
    public static (double? Score, string Severity) Rate(AdvisoryInfo advisory)
    {
        if (advisory.CvssVector is { } vector && CvssScore.TryCompute(vector, out double score))
        {
            return (score, SeverityRating.FromScore(score));
        }

        string? declared = advisory.DeclaredSeverity?.Trim().ToLowerInvariant();
        return (null, declared switch
        {
            null or "" => "unknown",
            "critical" or "high" or "medium" or "low" => declared,

            // GitHub's advisories say "moderate" where CVSS says medium.
            "moderate" => "medium",
            _ => SeverityRating.FromUrgency(declared),
        });
    }

    /// <summary>Orders severity words, most severe first (critical 5 ... unknown 1, unimportant 0).</summary>
    public static int Rank(string severity) => severity switch
    {
        "critical" => 5,
        "high" => 4,
        "medium" => 3,
        "low" => 2,
        "unknown" => 1,
        _ => 0,
    };
}
