using CsCheck;
using Omg.Audit.Versions;
using Omg.Tests.Shared.Fuzzing;
using Xunit.Abstractions;

namespace Omg.Audit.Tests.Fuzz;

/// <summary>
/// The audit's version orders (SemVer for npm, PEP 440 for PyPI, dpkg for Debian) as properties: total orders on
/// generated versions, FormatException and only that for anything else, and agreement with the reference
/// implementations (dpkg itself, Python's packaging) on random pairs.
/// </summary>
public sealed class VersionOrderPropertyTests(ITestOutputHelper output)
{
    public static TheoryData<string> Orders() => ["npm", "PyPI", "Debian"];

    [Theory]
    [MemberData(nameof(Orders))]
    public void Each_order_is_a_total_order_on_its_versions(string ecosystem)
    {
        (IVersionOrder order, Gen<string> versions) = Of(ecosystem);
        FuzzCheck.Run(
            "audit.version-order." + ecosystem,
            Gen.Select(versions, versions, versions),
            triple =>
            {
                FuzzPropertyException.Unless(order.IsValid(triple.Item1) && order.IsValid(triple.Item2) && order.IsValid(triple.Item3), $"generated versions refused: {triple}");
                OrderLaws.Check(order.Compare)(triple);
            },
            20_000,
            output);
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public void Any_string_is_valid_or_refused_with_FormatException(string ecosystem)
    {
        (IVersionOrder order, Gen<string> versions) = Of(ecosystem);
        FuzzCheck.Run(
            "audit.version-contract." + ecosystem,
            Gen.Select(Gen.Frequency((1, versions), (2, EcosystemVersionGen.NearVersion)), versions),
            pair =>
            {
                bool valid = order.IsValid(pair.Item1);
                try
                {
                    _ = order.Compare(pair.Item1, pair.Item2);
                    FuzzPropertyException.Unless(valid, $"'{pair.Item1}' is not valid but compared");
                }
                catch (FormatException)
                {
                    FuzzPropertyException.Unless(!valid, $"'{pair.Item1}' is valid but Compare refused it");
                }
            },
            20_000,
            output);
    }

    [Fact]
    public void Dpkg_order_agrees_with_dpkg_compare_versions_on_random_pairs()
    {
        Assert.True(DpkgOracle.IsAvailable, "dpkg is not installed: this test compares against it");
        var pairs = new List<(string A, string B)>();
        FuzzCheck.Run("audit.version-dpkg", VersionGen.DpkgPairs, pairs.Add, 400, output);
        Assert.Empty(DpkgOracle.Disagreements(pairs, DpkgVersionOrder.Instance.Compare).Disagreements);
    }

    [Fact]
    public void Pep440_order_agrees_with_pythons_packaging_on_random_pairs()
    {
        Assert.True(PackagingOracle.Unavailable() is null, PackagingOracle.Unavailable());
        var pairs = new List<(string A, string B)>();
        FuzzCheck.Run("audit.version-pep440", Gen.Frequency((3, Gen.Select(EcosystemVersionGen.Pep440, EcosystemVersionGen.Pep440)), (1, EcosystemVersionGen.Pep440.Select(v => (v, v.ToUpperInvariant())))), pairs.Add, 400, output);
        List<int?> reference = PackagingOracle.Compare(pairs);
        Assert.Empty(pairs.Zip(reference)
            .Where(p => p.Second is not { } expected || Math.Sign(Pep440Order.Instance.Compare(p.First.A, p.First.B)) != expected)
            .Select(p => $"{p.First.A} vs {p.First.B}: packaging {p.Second?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "refuses one"}, ours {Pep440Order.Instance.Compare(p.First.A, p.First.B)}"));
        Assert.True(reference.Distinct().Count() == 3, "packaging should find some pairs equal and both orders");
    }

    [Fact]
    public void Pep440_validity_agrees_with_pythons_packaging_on_near_versions()
    {
        Assert.True(PackagingOracle.Unavailable() is null, PackagingOracle.Unavailable());
        var strings = new List<(string A, string B)>();
        FuzzCheck.Run("audit.version-pep440-valid", Gen.Frequency((1, EcosystemVersionGen.Pep440), (1, EcosystemVersionGen.NearVersion.Where(s => !s.Contains('\t', StringComparison.Ordinal)))), s => strings.Add((s, "0")), 400, output);
        List<int?> reference = PackagingOracle.Compare(strings);
        Assert.Empty(strings.Zip(reference)
            .Where(p => Pep440Order.Instance.IsValid(p.First.A) != p.Second.HasValue)
            .Select(p => $"'{p.First.A}': packaging {(p.Second.HasValue ? "accepts" : "refuses")} it, ours {(Pep440Order.Instance.IsValid(p.First.A) ? "accepts" : "refuses")}"));
    }

    private static (IVersionOrder Order, Gen<string> Versions) Of(string ecosystem) => ecosystem switch
    {
        "npm" => (SemVerOrder.Instance, EcosystemVersionGen.SemVer),
        "PyPI" => (Pep440Order.Instance, EcosystemVersionGen.Pep440),
        _ => (DpkgVersionOrder.Instance, VersionGen.Dpkg),
    };
}
