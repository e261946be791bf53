using Omg.Audit.Severity;

namespace Omg.Audit.Tests.Severity;

/// <summary>
/// CVSS v4.0 scores against FIRST's reference calculator: the 60 vectors below (base vectors and vectors with threat
/// and environmental metrics, drawn at random with a fixed seed plus five well-known ones) were scored by the
/// reference implementation (cvss40.js of the FIRST/Red Hat calculator) and their scores copied here.
/// </summary>
public sealed class Cvss40ScoreTests
{
    [Theory]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:H/VA:H/SC:L/SI:N/SA:L", 5.4)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:L/VI:N/VA:H/SC:N/SI:H/SA:L", 5.7)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:N/VC:H/VI:L/VA:N/SC:H/SI:H/SA:N", 7.0)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:N/VC:N/VI:L/VA:H/SC:N/SI:L/SA:L/CR:L/IR:L/AR:M/MPR:N/MVC:X/MSI:X/MSA:L", 4.6)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:A/VC:H/VI:H/VA:N/SC:N/SI:N/SA:L/CR:M/IR:M/AR:X/MPR:H/MSA:L", 4.1)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:N/VC:L/VI:L/VA:L/SC:L/SI:H/SA:N", 4.8)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:N/VC:L/VI:L/VA:N/SC:H/SI:N/SA:H", 5.1)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:P/VC:N/VI:H/VA:N/SC:H/SI:N/SA:N", 5.6)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:A/VC:N/VI:N/VA:H/SC:L/SI:L/SA:H", 5.8)]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:N/UI:A/VC:H/VI:H/VA:L/SC:N/SI:N/SA:H/CR:H/IR:X/MAV:A/MPR:N/MSA:N", 7.3)]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:A/VC:H/VI:N/VA:N/SC:N/SI:N/SA:H/CR:H/MPR:N/MSI:N", 8.2)]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:N/VC:N/VI:L/VA:N/SC:N/SI:H/SA:L/E:P/CR:L/MAV:L/MVC:X/MSI:L/MSA:N", 1.8)]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:N/PR:L/UI:A/VC:H/VI:N/VA:N/SC:N/SI:L/SA:N/E:A/CR:X/MPR:X/MSA:H", 6.8)]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:H/SA:N", 9.2)]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:H/SI:L/SA:H", 7.2)]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:P/VC:L/VI:H/VA:N/SC:H/SI:L/SA:L", 7.1)]
    [InlineData("CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:A/VC:N/VI:H/VA:L/SC:H/SI:L/SA:N/CR:L/IR:H/MPR:X", 6.8)]
    [InlineData("CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:N/VC:N/VI:H/VA:N/SC:L/SI:N/SA:N", 5.6)]
    [InlineData("CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:P/VC:L/VI:N/VA:N/SC:L/SI:N/SA:L", 1.0)]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:A/VC:L/VI:L/VA:H/SC:L/SI:H/SA:L/CR:X/AR:X/MAV:L/MSI:H/MSA:L", 7.0)]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:P/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/MAV:X", 5.2)]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5)]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:P/VC:H/VI:N/VA:L/SC:L/SI:N/SA:H", 5.7)]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:H/VI:H/VA:L/SC:N/SI:H/SA:H", 8.5)]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:L/SC:N/SI:H/SA:L", 4.3)]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:A/VC:N/VI:H/VA:L/SC:L/SI:L/SA:L/E:X/IR:M/MAV:X/MPR:N", 4.8)]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:P/VC:H/VI:L/VA:N/SC:N/SI:L/SA:H", 7.0)]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:P/VC:N/VI:H/VA:L/SC:L/SI:H/SA:H", 7.2)]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:L/SC:H/SI:N/SA:H/AR:L/MPR:X", 8.6)]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:P/VC:L/VI:N/VA:L/SC:L/SI:H/SA:H", 5.6)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:N/VI:L/VA:H/SC:N/SI:L/SA:N", 7.0)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:H/VA:H/SC:N/SI:L/SA:N", 7.2)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:L", 5.9)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:N/VI:H/VA:H/SC:L/SI:N/SA:N/E:X/MAV:A", 4.4)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:P/VC:H/VI:H/VA:N/SC:L/SI:L/SA:L/AR:M/MSI:S/MSA:X", 9.3)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:N/PR:N/UI:A/VC:H/VI:H/VA:N/SC:N/SI:N/SA:H/E:P/IR:L/AR:M/MAV:N/MSI:N", 7.0)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 1.0)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:N/VC:H/VI:H/VA:L/SC:H/SI:N/SA:H", 7.0)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:N/VC:N/VI:L/VA:H/SC:H/SI:N/SA:N", 5.6)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:N/VC:N/VI:N/VA:H/SC:H/SI:H/SA:H", 6.0)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:N/VC:N/VI:L/VA:H/SC:H/SI:N/SA:L", 5.7)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:N/VC:N/VI:L/VA:H/SC:L/SI:H/SA:H", 5.9)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:P/VC:L/VI:N/VA:L/SC:H/SI:L/SA:H", 2.3)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:P/VC:N/VI:L/VA:H/SC:N/SI:N/SA:L/E:X/IR:X", 4.3)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:H/UI:N/VC:H/VI:L/VA:N/SC:L/SI:L/SA:H", 6.9)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:L/UI:N/VC:N/VI:H/VA:H/SC:N/SI:H/SA:H", 7.0)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:L/SC:N/SI:L/SA:N", 6.9)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:A/VC:H/VI:L/VA:H/SC:H/SI:N/SA:H", 7.0)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:L/SC:H/SI:L/SA:L", 6.9)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:H/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N/E:A/MVC:L/MSA:H", 2.0)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:L/UI:A/VC:H/VI:H/VA:H/SC:H/SI:N/SA:N/E:A/MAV:A/MPR:H/MSI:H", 7.0)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:L/UI:N/VC:H/VI:L/VA:L/SC:N/SI:H/SA:H/E:U/AR:H/MPR:L/MSI:S", 3.4)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:A/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N/AR:H/MSI:S", 6.9)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:L/SI:L/SA:N", 4.1)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:L/SA:N", 1.0)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:L/SA:H", 2.0)]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:N/SC:H/SI:H/SA:N", 6.9)]
    public void Scores_match_the_reference_calculator(string vector, double expected)
    {
        Assert.True(CvssScore.TryCompute(vector, out double score), vector);
        Assert.Equal(expected, score, precision: 1);
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:N")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:Q")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:A")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/")]
    public void Malformed_v4_vectors_give_no_score(string vector)
    {
        Assert.False(CvssScore.TryCompute(vector, out _));
    }

    [Fact]
    public void Every_base_vector_scores_within_range()
    {
        string[] values = ["NALP", "LH", "NP", "NLH", "NPA", "HLN", "HLN", "HLN", "HLN", "HLN", "HLN"];
        string[] names = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"];
        int count = 0;
        var index = new int[names.Length];
        while (true)
        {
            string vector = "CVSS:4.0/" + string.Join('/', names.Select((n, i) => $"{n}:{values[i][index[i]]}"));
            Assert.True(CvssScore.TryCompute(vector, out double score), vector);
            Assert.InRange(score, 0.0, 10.0);
            Assert.Equal(score, Math.Round(score, 1));
            count++;
            int k = 0;
            while (k < names.Length && ++index[k] == values[k].Length)
            {
                index[k++] = 0;
            }

            if (k == names.Length)
            {
                break;
            }
        }

        Assert.Equal(4 * 2 * 2 * 3 * 3 * 729, count);
    }
}
