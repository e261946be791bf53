using CsCheck;

namespace Omg.Tests.Shared.Fuzzing;

/// <summary>
/// Valid version strings drawn from small alphabets, so that random pairs often share prefixes and the comparers'
/// corner cases (tildes, leading zeros, epochs, letters against digits, empty parts) come up all the time.
/// </summary>
internal static class VersionGen
{
    private static readonly Gen<string> Digits = Gen.Char["0001239"].Array[1, 3].Select(c => new string(c));

    private static readonly Gen<string> UpstreamTail = Gen.Char["019az.+~"].Array[0, 6].Select(c => new string(c));

    /// <summary>Debian versions as policy 5.6.12 allows them: [epoch:]upstream[-revision], upstream starting with a digit.</summary>
    public static readonly Gen<string> Dpkg =
        Gen.Select(
            Gen.Frequency((3, Gen.Const(string.Empty)), (1, Gen.Int[0, 3].Select(e => e + ":"))),
            Digits,
            Gen.Select(UpstreamTail, Gen.Char["019az.+~-"].Array[0, 3].Select(c => new string(c)), (tail, dashed) => tail + dashed),
            Gen.Frequency((1, Gen.Const(string.Empty)), (2, Gen.Char["019az.+~"].Array[1, 5].Select(c => "-" + new string(c)))),
            (epoch, head, tail, revision) => revision.Length == 0 ? epoch + head + tail.Replace("-", string.Empty, StringComparison.Ordinal) : epoch + head + tail + revision);

    /// <summary>
    /// Pairs of Debian versions: independent ones, a version and another spelling of it (an explicit zero epoch, a
    /// leading zero), or a version and a near neighbour (a suffix added), so ties and one-character differences occur.
    /// </summary>
    public static readonly Gen<(string A, string B)> DpkgPairs = Gen.Frequency(
        (3, Gen.Select(Dpkg, Dpkg)),
        (1, Gen.Select(Dpkg, Gen.Bool, (v, epoch) => (v, epoch && !v.Contains(':', StringComparison.Ordinal) ? "0:" + v : LeadingZero(v)))),
        (1, Gen.Select(Dpkg, Gen.OneOf("~", "+", "a", "0", ".0", "~~", ".", "-0"), (v, suffix) => (v, suffix == "-0" && v.Contains('-', StringComparison.Ordinal) ? v + "0" : v + suffix))));

    private static string LeadingZero(string version)
    {
        int colon = version.IndexOf(':', StringComparison.Ordinal);
        return version.Insert(colon + 1, "0");
    }
}
