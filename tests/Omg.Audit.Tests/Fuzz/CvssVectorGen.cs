using CsCheck;

namespace Omg.Audit.Tests.Fuzz;

/// <summary>CVSS v3.0, v3.1 and v4.0 vectors as FIRST's specifications define them, every metric value possible.</summary>
internal static class CvssVectorGen
{
    /// <summary>v3.x base metrics with their values from least to most severe (S has no severity order).</summary>
    public static readonly (string Metric, string[] Values)[] Base3 =
    [
        ("AV", ["P", "L", "A", "N"]), ("AC", ["H", "L"]), ("PR", ["H", "L", "N"]), ("UI", ["R", "N"]), ("S", ["U", "C"]),
        ("C", ["N", "L", "H"]), ("I", ["N", "L", "H"]), ("A", ["N", "L", "H"]),
    ];

    private static readonly (string Metric, string[] Values)[] Other3 =
    [
        ("E", ["X", "U", "P", "F", "H"]), ("RL", ["X", "O", "T", "W", "U"]), ("RC", ["X", "U", "R", "C"]),
        ("CR", ["X", "L", "M", "H"]), ("IR", ["X", "L", "M", "H"]), ("AR", ["X", "L", "M", "H"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "R"]),
        ("MS", ["X", "U", "C"]), ("MC", ["X", "N", "L", "H"]), ("MI", ["X", "N", "L", "H"]), ("MA", ["X", "N", "L", "H"]),
    ];

    private static readonly (string Metric, string[] Values)[] Base4 =
    [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "P", "A"]),
        ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]), ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
    ];

    private static readonly (string Metric, string[] Values)[] Other4 =
    [
        ("E", ["X", "A", "P", "U"]), ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]), ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]),
        ("MVC", ["X", "H", "L", "N"]), ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]), ("MSC", ["X", "H", "L", "N"]), ("MSI", ["X", "S", "H", "L", "N"]), ("MSA", ["X", "S", "H", "L", "N"]),
        ("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]), ("V", ["X", "D", "C"]), ("RE", ["X", "L", "M", "H"]), ("U", ["X", "Clear", "Green", "Amber", "Red"]),
    ];

    /// <summary>The value index of each v3.x base metric, in <see cref="Base3"/> order.</summary>
    public static readonly Gen<int[]> Base3Choice = Choices(Base3, 0);

    /// <summary>Valid vectors of any of the three versions, optional metrics included now and then.</summary>
    public static readonly Gen<string> Valid = Gen.Frequency(
        (2, Gen.Select(Gen.OneOf("CVSS:3.0", "CVSS:3.1"), Metrics(Base3, Other3), (prefix, metrics) => prefix + metrics)),
        (1, Metrics(Base4, Other4).Select(metrics => "CVSS:4.0" + metrics)));

    /// <summary>A v3.x vector of the given base values (indexes into <see cref="Base3"/>).</summary>
    public static string Vector3(string prefix, int[] choice) =>
        prefix + string.Concat(Base3.Select((m, i) => $"/{m.Metric}:{m.Values[choice[i]]}"));

    private static Gen<string> Metrics((string Metric, string[] Values)[] required, (string Metric, string[] Values)[] optional) =>
        Gen.Select(
            Choices(required, 0),
            Choices(optional, 3),
            (values, extra) => string.Concat(required.Select((m, i) => $"/{m.Metric}:{m.Values[values[i]]}"))
                + string.Concat(optional.Select((m, i) => extra[i] >= m.Values.Length ? string.Empty : $"/{m.Metric}:{m.Values[extra[i]]}")));

    // One value index per metric; with absent > 0, indexes past the values (that many more) mean "left out".
    private static Gen<int[]> Choices((string Metric, string[] Values)[] metrics, int absent) =>
        Gen.UInt.Array[metrics.Length].Select(raw => raw.Select((r, i) => (int)(r % (uint)(metrics[i].Values.Length + absent))).ToArray());
}
