using System.Globalization;

namespace Omg.Audit.Severity;

/// <summary>
/// CVSS base scores computed from vector strings, as FIRST specifies them: v3.0 and v3.1 (base metric equations
/// of specification section 7.1, with v3.1's floating-point-safe Roundup of Appendix A and v3.0's plain
/// round-up-to-one-decimal). Temporal and environmental metrics are validated and left out, since the base
/// score is what advisories publish and what <c>high_severity</c> counts; and v4.0 (<see cref="Cvss40Score"/>), whose
/// score includes the threat and environmental metrics a vector gives, as the specification defines it.
/// </summary>
public static class CvssScore
{
    private static readonly Dictionary<string, Dictionary<string, double>> Base3 = new(StringComparer.Ordinal)
    {
        ["AV"] = new() { ["N"] = 0.85, ["A"] = 0.62, ["L"] = 0.55, ["P"] = 0.2 },
        ["AC"] = new() { ["L"] = 0.77, ["H"] = 0.44 },
        ["PR"] = new() { ["N"] = 0.85, ["L"] = 0.62, ["H"] = 0.27 }, // L and H change with a changed scope, below
        ["UI"] = new() { ["N"] = 0.85, ["R"] = 0.62 },
        ["S"] = new() { ["U"] = 0, ["C"] = 0 },
        ["C"] = new() { ["H"] = 0.56, ["L"] = 0.22, ["N"] = 0 },
        ["I"] = new() { ["H"] = 0.56, ["L"] = 0.22, ["N"] = 0 },
        ["A"] = new() { ["H"] = 0.56, ["L"] = 0.22, ["N"] = 0 },
    };

    // Temporal and environmental metrics (specification sections 3 and 4) and their values: accepted, not scored.
    private static readonly Dictionary<string, string> Other3 = new(StringComparer.Ordinal)
    {
        ["E"] = "XUPFH", ["RL"] = "XOTWU", ["RC"] = "XURC", ["CR"] = "XLMH", ["IR"] = "XLMH", ["AR"] = "XLMH",
        ["MAV"] = "XNALP", ["MAC"] = "XLH", ["MPR"] = "XNLH", ["MUI"] = "XNR", ["MS"] = "XUC", ["MC"] = "XNLH", ["MI"] = "XNLH", ["MA"] = "XNLH",
    };

    /// <summary>Computes the score of a CVSS v3.0, v3.1 or v4.0 vector; false for anything else or a malformed vector.</summary>
    /// <param name="vector">For example <c>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</c>.</param>
    /// <param name="baseScore">The base score, 0.0 to 10.0 with one decimal.</param>
    public static bool TryCompute(string? vector, out double baseScore)
    {
        baseScore = 0;
        if (string.IsNullOrWhiteSpace(vector))
        {
            return false;
        }

        string[] parts = vector.Trim().Split('/');
        if (parts[0] == "CVSS:4.0")
        {
            return Cvss40Score.TryCompute(parts, out baseScore);
        }

        bool v30 = parts[0] == "CVSS:3.0";
        if (!v30 && parts[0] != "CVSS:3.1")
        {
            return false;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in parts.Skip(1))
        {
            int colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == part.Length - 1)
            {
                return false;
            }

            string metric = part[..colon], value = part[(colon + 1)..];
            bool known = Base3.TryGetValue(metric, out Dictionary<string, double>? weights)
                ? weights.ContainsKey(value)
                : Other3.TryGetValue(metric, out string? allowed) && value.Length == 1 && allowed.Contains(value[0], StringComparison.Ordinal);
            if (!known || !values.TryAdd(metric, value))
            {
                return false; // an unknown metric or value, or a metric given twice
            }
        }

        if (!Base3.Keys.All(values.ContainsKey))
        {
            return false;
        }

        bool changed = values["S"] == "C";
        double Weight(string metric) => Base3[metric][values[metric]];
        double pr = values["PR"] switch { "L" when changed => 0.68, "H" when changed => 0.5, _ => Weight("PR") };
        double iss = 1 - ((1 - Weight("C")) * (1 - Weight("I")) * (1 - Weight("A")));
        double impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        double exploitability = 8.22 * Weight("AV") * Weight("AC") * pr * Weight("UI");
        if (impact <= 0)
        {
            baseScore = 0;
            return true;
        }

        double raw = changed ? Math.Min(1.08 * (impact + exploitability), 10) : Math.Min(impact + exploitability, 10);
        baseScore = v30 ? RoundUp30(raw) : RoundUp31(raw);
        return true;
    }

    /// <summary>The CVSS version a vector names (<c>3.0</c>, <c>3.1</c>, <c>4.0</c>), or null.</summary>
    public static string? VersionOf(string? vector) =>
        vector?.Trim() is { } v && v.StartsWith("CVSS:", StringComparison.Ordinal) && v.IndexOf('/', StringComparison.Ordinal) is > 5 and var slash
            ? v[5..slash]
            : null;

    // v3.1 Appendix A: the smallest number of one decimal that is >= the input, computed on integers so that
    // 4.000000000000001 does not become 4.1.
    private static double RoundUp31(double value)
    {
        long scaled = (long)Math.Round(value * 100_000);
        return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.Floor(scaled / 10_000.0) + 1) / 10.0;
    }

    // v3.0: "round up to one decimal place", as its reference implementation does it.
    private static double RoundUp30(double value) => Math.Ceiling(value * 10) / 10;

    /// <summary>The score as text with one decimal, invariant culture.</summary>
    public static string Format(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);
}
