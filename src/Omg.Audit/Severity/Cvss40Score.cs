using System.Globalization;

namespace Omg.Audit.Severity;

/// <summary>
/// CVSS v4.0 scores as FIRST's specification defines them (section 8): the vector's MacroVector (equivalence sets
/// EQ1-EQ6) gives a score from FIRST's lookup table, and the vector's severity distance from the highest vectors
/// of its MacroVector, relative to the next lower MacroVectors, takes the score down from there. The lookup
/// table, the highest vectors per equivalence set and their depths are FIRST's published data (the
/// specification's reference calculator, <c>cvss_lookup</c>, <c>max_composed</c>, <c>max_severity</c>);
/// rounding is the reference's round-half-up with its 1e-6 guard against binary fractions.
/// </summary>
internal static class Cvss40Score
{
    // FIRST's MacroVector scores in the order eq1, eq2, eq3, eq4, eq5, eq6 count up (eq3 = 2 only with eq6 = 1):
    // 45 per (eq1, eq2) pair, 270 in all.
    private const string Table =
        "10 9.9 9.8 9.5 9.5 9.2 10 9.6 9.3 8.7 9.1 8.1 9.3 9 8.9 8 8.1 6.8 9.8 9.5 9.5 9.2 9 8.4 9.3 9.2 8.9 8.1 8.1 6.5 8.8 8 7.8 7 6.9 4.8 9.2 8.2 7.2 7.9 6.9 5 6.9 5.5 2.7 " +
        "9.9 9.7 9.5 9.2 9.2 8.5 9.5 9.1 9 8.3 8.4 7.1 9.2 8.1 8.2 7.1 7.2 5.3 9.5 9.3 9.2 8.5 8.5 7.3 9.2 8.2 8 7.2 7 5.9 8.4 7 7.1 5.2 5 3 8.6 7.5 5.2 7.1 5.2 2.9 6.3 2.9 1.7 " +
        "9.8 9.5 9.4 8.7 9.1 8.1 9.4 8.9 8.6 7.4 7.7 6.4 8.7 7.5 7.4 6.3 6.3 4.9 9.4 8.9 8.8 7.7 7.6 6.7 8.6 7.6 7.4 5.8 5.9 5 7.2 5.7 5.7 5.2 5.2 2.5 8.3 7 5.4 6.5 5.8 2.6 5.3 2.1 1.3 " +
        "9.5 9 8.8 7.6 7.6 7 9 7.7 7.5 6.2 6.1 5.3 7.7 6.6 6.8 5.9 5.2 3 8.9 7.8 7.6 6.7 6.2 5.8 7.4 5.9 5.7 5.7 4.7 2.3 6.1 5.2 5.7 2.9 2.4 1.6 7.1 5.9 3 5.8 2.6 1.5 2.3 1.3 0.6 " +
        "9.3 8.7 8.6 7.2 7.5 5.8 8.6 7.4 7.4 6.1 5.6 3.4 7 5.4 5.2 4 4 2.2 8.5 7.5 7.4 5.5 6.2 5.1 7.2 5.7 5.5 4.1 4.6 1.9 5.3 3.6 3.4 1.9 1.9 0.8 6.4 5.1 2 4.7 2.1 1.1 2.4 0.9 0.4 " +
        "8.8 7.5 7.3 5.3 6 5 7.3 5.5 5.9 4 4.1 2 5.4 4.3 4.5 2.2 2 1.1 7.5 5.5 5.8 4.5 4 2.1 6.1 5.1 4.8 1.8 2 0.9 4.6 1.8 1.7 0.7 0.8 0.2 5.3 2.4 1.4 2.4 1.2 0.5 1 0.3 0.1";

    private static readonly Dictionary<string, double> Lookup = BuildLookup();

    // The highest-severity vectors of each equivalence set's levels (FIRST's max_composed); EQ3 is keyed by EQ6 too.
    private static readonly string[][] Eq1Max = [["AV:N/PR:N/UI:N/"], ["AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/"], ["AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/"]];
    private static readonly string[][] Eq2Max = [["AC:L/AT:N/"], ["AC:H/AT:N/", "AC:L/AT:P/"]];
    private static readonly Dictionary<(int Eq3, int Eq6), string[]> Eq3Max = new()
    {
        [(0, 0)] = ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/"],
        [(0, 1)] = ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/"],
        [(1, 0)] = ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/"],
        [(1, 1)] = ["VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/"],
        [(2, 1)] = ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/"],
    };

    private static readonly string[][] Eq4Max = [["SC:H/SI:S/SA:S/"], ["SC:H/SI:H/SA:H/"], ["SC:L/SI:L/SA:L/"]];
    private static readonly string[][] Eq5Max = [["E:A/"], ["E:P/"], ["E:U/"]];

    // Depths of the MacroVectors in severity-distance steps (FIRST's max_severity, "+1").
    private static readonly int[] Eq1Depth = [1, 4, 5];
    private static readonly int[] Eq2Depth = [1, 2];
    private static readonly Dictionary<(int Eq3, int Eq6), int> Eq3Eq6Depth = new() { [(0, 0)] = 7, [(0, 1)] = 6, [(1, 0)] = 8, [(1, 1)] = 8, [(2, 1)] = 10 };
    private static readonly int[] Eq4Depth = [6, 5, 4];

    // Each metric value's distance from its most severe value, in tenths (the reference's *_levels).
    private static readonly Dictionary<string, Dictionary<char, double>> Levels = new(StringComparer.Ordinal)
    {
        ["AV"] = new() { ['N'] = 0.0, ['A'] = 0.1, ['L'] = 0.2, ['P'] = 0.3 },
        ["PR"] = new() { ['N'] = 0.0, ['L'] = 0.1, ['H'] = 0.2 },
        ["UI"] = new() { ['N'] = 0.0, ['P'] = 0.1, ['A'] = 0.2 },
        ["AC"] = new() { ['L'] = 0.0, ['H'] = 0.1 },
        ["AT"] = new() { ['N'] = 0.0, ['P'] = 0.1 },
        ["VC"] = new() { ['H'] = 0.0, ['L'] = 0.1, ['N'] = 0.2 },
        ["VI"] = new() { ['H'] = 0.0, ['L'] = 0.1, ['N'] = 0.2 },
        ["VA"] = new() { ['H'] = 0.0, ['L'] = 0.1, ['N'] = 0.2 },
        ["SC"] = new() { ['H'] = 0.1, ['L'] = 0.2, ['N'] = 0.3 },
        ["SI"] = new() { ['S'] = 0.0, ['H'] = 0.1, ['L'] = 0.2, ['N'] = 0.3 },
        ["SA"] = new() { ['S'] = 0.0, ['H'] = 0.1, ['L'] = 0.2, ['N'] = 0.3 },
        ["CR"] = new() { ['H'] = 0.0, ['M'] = 0.1, ['L'] = 0.2 },
        ["IR"] = new() { ['H'] = 0.0, ['M'] = 0.1, ['L'] = 0.2 },
        ["AR"] = new() { ['H'] = 0.0, ['M'] = 0.1, ['L'] = 0.2 },
    };

    // Every metric of the specification and its allowed values; the first eleven are the mandatory base metrics.
    private static readonly (string Metric, string[] Values)[] Metrics =
    [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "P", "A"]),
        ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]), ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
        ("E", ["X", "A", "P", "U"]), ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]), ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]),
        ("MVC", ["X", "H", "L", "N"]), ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]), ("MSC", ["X", "H", "L", "N"]), ("MSI", ["X", "S", "H", "L", "N"]), ("MSA", ["X", "S", "H", "L", "N"]),
        ("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]), ("V", ["X", "D", "C"]), ("RE", ["X", "L", "M", "H"]), ("U", ["X", "Clear", "Green", "Amber", "Red"]),
    ];

    /// <summary>Scores a <c>CVSS:4.0/...</c> vector; false when it is malformed (unknown, repeated or missing metrics).</summary>
    public static bool TryCompute(string[] parts, out double score)
    {
        score = 0;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in parts.Skip(1))
        {
            int colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            string metric = part[..colon], value = part[(colon + 1)..];
            int known = Array.FindIndex(Metrics, m => m.Metric == metric);
            if (known < 0 || !Metrics[known].Values.Contains(value) || !values.TryAdd(metric, value))
            {
                return false;
            }
        }

        if (Metrics.Take(11).Any(m => !values.ContainsKey(m.Metric)))
        {
            return false;
        }

        score = Score(metric => Effective(values, metric));
        return true;
    }

    // The value a metric takes in the score: a modified (environmental) value over the base one, and the worst
    // case for threat and requirement metrics left out (E:A, CR/IR/AR:H).
    private static char Effective(Dictionary<string, string> values, string metric)
    {
        string value = values.GetValueOrDefault(metric, "X");
        switch (metric)
        {
            case "E" when value == "X": return 'A';
            case "CR" or "IR" or "AR" when value == "X": return 'H';
        }

        if (values.TryGetValue("M" + metric, out string? modified) && modified != "X")
        {
            return modified[0];
        }

        return value[0];
    }

    private static double Score(Func<string, char> m)
    {
        if (new[] { "VC", "VI", "VA", "SC", "SI", "SA" }.All(x => m(x) == 'N'))
        {
            return 0.0;
        }

        (int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) = MacroVector(m);
        double value = Lookup[Key(eq1, eq2, eq3, eq4, eq5, eq6)];

        double? Lower(int a, int b, int c, int d, int e, int f) => Lookup.TryGetValue(Key(a, b, c, d, e, f), out double s) ? s : null;
        double? lower1 = Lower(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
        double? lower2 = Lower(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
        double? lower36 = (eq3, eq6) switch
        {
            (1, 1) or (0, 1) => Lower(eq1, eq2, eq3 + 1, eq4, eq5, eq6),
            (1, 0) => Lower(eq1, eq2, eq3, eq4, eq5, eq6 + 1),
            (0, 0) => Max(Lower(eq1, eq2, eq3, eq4, eq5, eq6 + 1), Lower(eq1, eq2, eq3 + 1, eq4, eq5, eq6)),
            _ => Lower(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1),
        };
        double? lower4 = Lower(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
        double? lower5 = Lower(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

        // The first of the MacroVector's highest vectors that the vector does not exceed anywhere.
        Dictionary<string, char>? max = null;
        foreach (string e1 in Eq1Max[eq1])
        {
            foreach (string e2 in Eq2Max[eq2])
            {
                foreach (string e3 in Eq3Max[(eq3, eq6)])
                {
                    foreach (string e4 in Eq4Max[eq4])
                    {
                        foreach (string e5 in Eq5Max[eq5])
                        {
                            Dictionary<string, char> candidate = ParseParts(e1 + e2 + e3 + e4 + e5);
                            max = candidate;
                            if (Levels.Keys.All(k => Distance(m, candidate, k) >= 0))
                            {
                                goto Found;
                            }
                        }
                    }
                }
            }
        }

    Found:
        double D(string metric) => Distance(m, max!, metric);
        double distance1 = D("AV") + D("PR") + D("UI");
        double distance2 = D("AC") + D("AT");
        double distance36 = D("VC") + D("VI") + D("VA") + D("CR") + D("IR") + D("AR");
        double distance4 = D("SC") + D("SI") + D("SA");
        const double Step = 0.1;

        int existing = 0;
        double total = 0;
        void Add(double? lower, double distance, double depth)
        {
            if (lower is { } l)
            {
                existing++;
                total += (value - l) * (distance / depth);
            }
        }

        Add(lower1, distance1, Eq1Depth[eq1] * Step);
        Add(lower2, distance2, Eq2Depth[eq2] * Step);
        Add(lower36, distance36, Eq3Eq6Depth[(eq3, eq6)] * Step);
        Add(lower4, distance4, Eq4Depth[eq4] * Step);
        Add(lower5, 0, 1); // EQ5's proportion is always 0, but an existing lower MacroVector still counts

        double mean = existing == 0 ? 0 : total / existing;
        return RoundHalfUp(Math.Max(0, Math.Min(10, value - mean)));
    }

    private static (int, int, int, int, int, int) MacroVector(Func<string, char> m)
    {
        char av = m("AV"), pr = m("PR"), ui = m("UI");
        int eq1 = av == 'N' && pr == 'N' && ui == 'N' ? 0 : (av == 'N' || pr == 'N' || ui == 'N') && av != 'P' ? 1 : 2;
        int eq2 = m("AC") == 'L' && m("AT") == 'N' ? 0 : 1;
        char vc = m("VC"), vi = m("VI"), va = m("VA");
        int eq3 = vc == 'H' && vi == 'H' ? 0 : vc == 'H' || vi == 'H' || va == 'H' ? 1 : 2;
        int eq4 = m("MSI") == 'S' || m("MSA") == 'S' ? 0 : m("SC") == 'H' || m("SI") == 'H' || m("SA") == 'H' ? 1 : 2;
        int eq5 = m("E") switch { 'A' => 0, 'P' => 1, _ => 2 };
        int eq6 = (m("CR") == 'H' && vc == 'H') || (m("IR") == 'H' && vi == 'H') || (m("AR") == 'H' && va == 'H') ? 0 : 1;
        return (eq1, eq2, eq3, eq4, eq5, eq6);
    }

    private static double Distance(Func<string, char> m, Dictionary<string, char> max, string metric) =>
        Levels[metric][m(metric)] - Levels[metric][max[metric]];

    private static Dictionary<string, char> ParseParts(string text) =>
        text.Split('/', StringSplitOptions.RemoveEmptyEntries).ToDictionary(p => p[..p.IndexOf(':', StringComparison.Ordinal)], p => p[^1], StringComparer.Ordinal);

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    // The reference calculator's roundToDecimalPlaces: half up, after adding 1e-6 so that 1.4499999999999993
    // (8.6 - 7.15) rounds as the 1.45 it stands for.
    private static double RoundHalfUp(double value) => Math.Floor(((value + 1e-6) * 10) + 0.5) / 10;

    private static string Key(int a, int b, int c, int d, int e, int f) => string.Create(CultureInfo.InvariantCulture, $"{a}{b}{c}{d}{e}{f}");

    private static Dictionary<string, double> BuildLookup()
    {
        string[] scores = Table.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lookup = new Dictionary<string, double>(StringComparer.Ordinal);
        int i = 0;
        for (int eq1 = 0; eq1 < 3; eq1++)
        {
            for (int eq2 = 0; eq2 < 2; eq2++)
            {
                for (int eq3 = 0; eq3 < 3; eq3++)
                {
                    for (int eq4 = 0; eq4 < 3; eq4++)
                    {
                        for (int eq5 = 0; eq5 < 3; eq5++)
                        {
                            for (int eq6 = eq3 == 2 ? 1 : 0; eq6 < 2; eq6++)
                            {
                                lookup.Add(Key(eq1, eq2, eq3, eq4, eq5, eq6), double.Parse(scores[i++], CultureInfo.InvariantCulture));
                            }
                        }
                    }
                }
            }
        }

        if (i != scores.Length)
        {
            throw new InvalidOperationException($"the CVSS v4.0 table holds {scores.Length} scores, not {i}");
        }

        return lookup;
    }
}
