using Omg.Audit.Severity;

namespace Omg.Audit.Tests.Severity;

/// <summary>
/// CVSS v3.x base scores against the values FIRST's calculator and NVD publish for these vectors, and the
/// severity words derived from scores and Debian urgencies.
/// </summary>
public sealed class CvssScoreTests
{
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.8)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 9.1)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H/MAV:L", 9.8)]
    public void Base_scores_match_the_published_ones(string vector, double expected)
    {
        Assert.True(CvssScore.TryCompute(vector, out double score), vector);
        Assert.Equal(expected, score, precision: 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:")]
    [InlineData("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    public void Malformed_and_unscored_vectors_give_no_score(string vector)
    {
        Assert.False(CvssScore.TryCompute(vector, out _));
    }

    [Fact]
    public void Random_text_never_throws_and_valid_scores_stay_in_range()
    {
        // A seeded fuzz: random vectors from the metric alphabet, some well formed, many not.
        var random = new Random(31);
        string[] metrics = ["AV", "AC", "PR", "UI", "S", "C", "I", "A", "E", "RL", "ZZ", ""];
        const string Letters = "NALPHRUCXOTWLM:/";
        for (int n = 0; n < 20_000; n++)
        {
            var parts = Enumerable.Range(0, random.Next(0, 11)).Select(_ => metrics[random.Next(metrics.Length)] + ":" + Letters[random.Next(Letters.Length)]);
            string vector = (random.Next(3) == 0 ? "CVSS:3.0/" : "CVSS:3.1/") + string.Join('/', parts);
            if (CvssScore.TryCompute(vector, out double score))
            {
                Assert.InRange(score, 0.0, 10.0);
                Assert.Equal(score, Math.Round(score, 1));
            }
        }

        // And every one of the 2,592 complete base vectors scores, within range, with one decimal.
        foreach (string vector in AllBaseVectors())
        {
            Assert.True(CvssScore.TryCompute(vector, out double score), vector);
            Assert.InRange(score, 0.0, 10.0);
            Assert.Equal(score, Math.Round(score, 1));
        }
    }

    [Theory]
    [InlineData(9.8, "critical")]
    [InlineData(9.0, "critical")]
    [InlineData(8.9, "high")]
    [InlineData(7.0, "high")]
    [InlineData(6.9, "medium")]
    [InlineData(4.0, "medium")]
    [InlineData(3.9, "low")]
    [InlineData(0.1, "low")]
    [InlineData(0.0, "unimportant")]
    public void Scores_rate_as_FIRST_rates_them(double score, string word)
    {
        Assert.Equal(word, SeverityRating.FromScore(score));
    }

    [Theory]
    [InlineData("unimportant", "unimportant")]
    [InlineData("low", "low")]
    [InlineData("low**", "low")]
    [InlineData("medium*", "medium")]
    [InlineData("High", "high")]
    [InlineData("not yet assigned", "unknown")]
    [InlineData("end-of-life", "unknown")]
    [InlineData("", "unknown")]
    [InlineData(null, "unknown")]
    public void Debian_urgencies_map_to_words(string? urgency, string word)
    {
        Assert.Equal(word, SeverityRating.FromUrgency(urgency));
    }

    [Theory]
    [InlineData(7.0, "medium", true)]
    [InlineData(6.9, "medium", false)]
    [InlineData(null, "high", true)]
    [InlineData(null, "critical", true)]
    [InlineData(null, "medium", false)]
    [InlineData(null, "unknown", false)]
    public void High_severity_counts_scores_from_7_and_high_or_critical_words(double? score, string severity, bool high)
    {
        Assert.Equal(high, SeverityRating.IsHigh(score, severity));
    }

    private static IEnumerable<string> AllBaseVectors() =>
        from av in "NALP" from ac in "LH" from pr in "NLH" from ui in "NR" from s in "UC" from c in "HLN" from i in "HLN" from a in "HLN"
        select $"CVSS:3.1/AV:{av}/AC:{ac}/PR:{pr}/UI:{ui}/S:{s}/C:{c}/I:{i}/A:{a}";
}
