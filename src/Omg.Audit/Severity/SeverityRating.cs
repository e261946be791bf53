namespace Omg.Audit.Severity;

/// <summary>
/// The severity words Omg reports: <c>critical</c>, <c>high</c>, <c>medium</c>, <c>low</c>, <c>unimportant</c>,
/// <c>unknown</c>. From a CVSS score they follow FIRST's qualitative rating scale (v3.1 section 5: critical
/// 9.0-10.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9), with its "none" (0.0) reported as <c>unimportant</c>, the
/// Debian tracker's word for an issue without security impact. From a Debian urgency, the tracker's own words
/// are kept (see docs/audit.md for the table).
/// </summary>
public static class SeverityRating
{
    /// <summary>The rating word of a CVSS base score.</summary>
    public static string FromScore(double score) => score switch
    {
        >= 9.0 => "critical",
        >= 7.0 => "high",
        >= 4.0 => "medium",
        > 0.0 => "low",
        _ => "unimportant",
    };

    /// <summary>
    /// A Debian security tracker urgency as a rating word: <c>unimportant</c>, <c>low</c>, <c>medium</c> and
    /// <c>high</c> as they are (a trailing <c>*</c> or <c>**</c>, the tracker's mark of an urgency guessed from
    /// others, is dropped), <c>critical</c> where a source uses it; <c>not yet assigned</c>, <c>end-of-life</c>,
    /// nothing or anything else is <c>unknown</c>.
    /// </summary>
    public static string FromUrgency(string? debianUrgency)
    {
        string word = (debianUrgency ?? string.Empty).Trim().TrimEnd('*').Trim().ToLowerInvariant();
        return word switch
        {
            "unimportant" or "low" or "medium" or "high" or "critical" => word,
            _ => "unknown",
        };
    }

    /// <summary>What <c>high_severity</c> counts: a score of 7.0 or more, or a high or critical rating.</summary>
    public static bool IsHigh(double? score, string severity) =>
        score >= 7.0 || severity is "high" or "critical";

    /// <summary>The order of the words, lowest first, for thresholds such as <c>--min-severity</c>; -1 for an unknown word.</summary>
    public static int Rank(string severity) => severity switch
    {
        "unimportant" => 0,
        "low" => 1,
        "medium" => 2,
        "high" => 3,
        "critical" => 4,
        _ => -1,
    };
}
