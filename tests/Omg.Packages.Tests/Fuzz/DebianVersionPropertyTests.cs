using CsCheck;
using Omg.Packages.Debian;
using Omg.Tests.Shared.Fuzzing;
using Xunit.Abstractions;

namespace Omg.Packages.Tests.Fuzz;

/// <summary>Debian version order as properties: a total order on any valid versions, and dpkg's own on random pairs.</summary>
public sealed class DebianVersionPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Debian_version_order_is_a_total_order()
    {
        FuzzCheck.Run("packages.version-order", Gen.Select(VersionGen.DpkgPairs, VersionGen.Dpkg, (pair, c) => (pair.A, pair.B, c)), OrderLaws.Check((a, b) => DebianVersion.Compare(a, b)), 30_000, output);
    }

    [Fact]
    public void Debian_version_order_agrees_with_dpkg_compare_versions_on_random_pairs()
    {
        Assert.True(DpkgOracle.IsAvailable, "dpkg is not installed: this test compares against it");
        var pairs = new List<(string A, string B)>();
        FuzzCheck.Run("packages.version-dpkg", VersionGen.DpkgPairs, pairs.Add, 400, output);
        (List<string> disagreements, List<int> dpkg) = DpkgOracle.Disagreements(pairs, (a, b) => DebianVersion.Compare(a, b));
        Assert.Empty(disagreements);

        // Random pairs that dpkg always called unequal would test little: some must tie and both orders must occur.
        Assert.True(dpkg.Distinct().Count() == 3, $"dpkg answered only {string.Join(", ", dpkg.Distinct())}");
    }
}
