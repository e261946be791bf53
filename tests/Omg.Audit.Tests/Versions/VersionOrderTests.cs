using Omg.Audit.Versions;

namespace Omg.Audit.Tests.Versions;

/// <summary>Each ecosystem's order, from its specification's own examples, and the laws every order must keep.</summary>
public sealed class VersionOrderTests
{
    // SemVer 2.0.0 §11's example chain, then the core numbers.
    private static readonly string[] SemVerAscending =
    [
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
        "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0-0", "2.0.0", "10.0.0", "10.0.99999999999999999999",
    ];

    // PEP 440's "Summary of permitted suffixes and relative ordering" list, then epochs.
    private static readonly string[] Pep440Ascending =
    [
        "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456",
        "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34",
        "1.0.post456", "1.0.15", "1.1.dev1", "2.0", "1!0.1",
    ];

    // Debian policy 5.6.12: tildes before anything, epochs above all, revisions after upstream.
    private static readonly string[] DpkgAscending =
    [
        "0.9", "1.0~~", "1.0~rc1", "1.0", "1.0-1", "1.0-1+deb12u1", "1.0-2", "1.0a", "1.0.1", "2:9.0.1378-2", "2:9.0.1378-2+deb12u1", "3:0.1",
    ];

    public static TheoryData<string, string[]> Chains() => new()
    {
        { "npm", SemVerAscending },
        { "PyPI", Pep440Ascending },
        { "Debian:12", DpkgAscending },
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void Each_specification_example_sorts_before_the_next(string ecosystem, string[] ascending)
    {
        IVersionOrder order = VersionOrders.ForEcosystem(ecosystem)!;
        for (int i = 0; i < ascending.Length; i++)
        {
            Assert.True(order.IsValid(ascending[i]), $"{ascending[i]} should be valid for {ecosystem}");
            for (int j = 0; j < ascending.Length; j++)
            {
                Assert.True(Math.Sign(order.Compare(ascending[i], ascending[j])) == Math.Sign(i.CompareTo(j)), $"{ecosystem}: {ascending[i]} vs {ascending[j]}");
            }
        }
    }

    [Theory]
    [InlineData("npm", "1.0.0+build.1", "1.0.0+build.2")]
    [InlineData("npm", "v1.2.3", "1.2.3")]
    [InlineData("npm", "=1.2.3", "1.2.3")]
    [InlineData("PyPI", "1.0", "1.0.0")]
    [InlineData("PyPI", "v1.0", "1.0")]
    [InlineData("PyPI", "1.0ALPHA1", "1.0a1")]
    [InlineData("PyPI", "1.0-alpha-1", "1.0a1")]
    [InlineData("PyPI", "1.0c1", "1.0rc1")]
    [InlineData("PyPI", "1.0preview2", "1.0rc2")]
    [InlineData("PyPI", "1.0-1", "1.0.post1")]
    [InlineData("PyPI", "1.0.rev2", "1.0.post2")]
    [InlineData("PyPI", "1.0a", "1.0a0")]
    [InlineData("PyPI", "1.0-dev", "1.0.dev0")]
    [InlineData("PyPI", "0!1.0", "1.0")]
    [InlineData("PyPI", "1.0+Ubuntu-1", "1.0+ubuntu.1")]
    [InlineData("Debian:12", "1.0", "0:1.0")]
    [InlineData("Ubuntu:22.04:LTS", "1.0-0", "1.0-0")]
    public void Spellings_of_one_version_compare_equal(string ecosystem, string a, string b)
    {
        IVersionOrder order = VersionOrders.ForEcosystem(ecosystem)!;
        Assert.Equal(0, order.Compare(a, b));
        Assert.Equal(0, order.Compare(b, a));
    }

    [Theory]
    [InlineData("npm", "1.0")]
    [InlineData("npm", "01.0.0")]
    [InlineData("npm", "1.0.0-01")]
    [InlineData("npm", "1.0.0-")]
    [InlineData("npm", "1.0.0-a..b")]
    [InlineData("npm", "a.b.c")]
    [InlineData("npm", "")]
    [InlineData("PyPI", "1.0.x")]
    [InlineData("PyPI", "abc")]
    [InlineData("PyPI", "1.0+")]
    [InlineData("PyPI", "1!")]
    [InlineData("PyPI", "")]
    [InlineData("Debian:12", "")]
    [InlineData("Debian:12", "a1.0")]
    [InlineData("Debian:12", "1:")]
    [InlineData("Debian:12", ":1.0")]
    [InlineData("Debian:12", "x:1.0")]
    [InlineData("Debian:12", "1.0-")]
    [InlineData("Debian:12", "1.0 beta")]
    public void Malformed_versions_are_invalid_and_never_compared(string ecosystem, string version)
    {
        IVersionOrder order = VersionOrders.ForEcosystem(ecosystem)!;
        Assert.False(order.IsValid(version));
        Assert.Throws<FormatException>(() => order.Compare(version, "1.0.0"));
    }

    [Theory]
    [InlineData("Debian:12", typeof(DpkgVersionOrder))]
    [InlineData("Debian:11", typeof(DpkgVersionOrder))]
    [InlineData("Ubuntu:22.04:LTS", typeof(DpkgVersionOrder))]
    [InlineData("Ubuntu:24.10", typeof(DpkgVersionOrder))]
    [InlineData("npm", typeof(SemVerOrder))]
    [InlineData("PyPI", typeof(Pep440Order))]
    public void Ecosystems_get_their_own_order(string ecosystem, Type expected)
    {
        Assert.IsType(expected, VersionOrders.ForEcosystem(ecosystem));
    }

    [Theory]
    [InlineData("crates.io")]
    [InlineData("Go")]
    [InlineData("pypi")]
    public void Other_ecosystems_get_no_guessed_order(string ecosystem)
    {
        Assert.Null(VersionOrders.ForEcosystem(ecosystem));
    }

    public static TheoryData<string> Ecosystems() => new() { "npm", "PyPI", "Debian:12" };

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void Random_versions_are_totally_ordered(string ecosystem)
    {
        // A seeded property check: reflexive, antisymmetric and transitive on versions built from the pieces each
        // ecosystem's grammar allows (5,000 triples per ecosystem).
        IVersionOrder order = VersionOrders.ForEcosystem(ecosystem)!;
        var random = new Random(440);
        var versions = Enumerable.Range(0, 400).Select(_ => Generate(ecosystem, random)).Where(order.IsValid).ToArray();
        Assert.True(versions.Length > 300, $"only {versions.Length} generated versions were valid");
        for (int n = 0; n < 5000; n++)
        {
            string a = versions[random.Next(versions.Length)], b = versions[random.Next(versions.Length)], c = versions[random.Next(versions.Length)];
            Assert.Equal(0, order.Compare(a, a));
            Assert.Equal(Math.Sign(order.Compare(a, b)), -Math.Sign(order.Compare(b, a)));
            if (order.Compare(a, b) <= 0 && order.Compare(b, c) <= 0)
            {
                Assert.True(order.Compare(a, c) <= 0, $"{ecosystem}: {a} <= {b} <= {c} but not {a} <= {c}");
            }
        }
    }

    private static string Generate(string ecosystem, Random random)
    {
        string Num() => random.Next(4) == 0 ? "0" : random.Next(1, 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        return ecosystem switch
        {
            "npm" => $"{Num()}.{Num()}.{Num()}" + (random.Next(2) == 0 ? string.Empty : "-" + string.Join('.', Enumerable.Range(0, random.Next(1, 3)).Select(_ => Pick("alpha", "beta", "rc", Num(), "x-1")))),
            "PyPI" => (random.Next(8) == 0 ? "1!" : string.Empty) + string.Join('.', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Num()))
                + Pick(string.Empty, string.Empty, "a" + Num(), "b" + Num(), "rc" + Num()) + Pick(string.Empty, string.Empty, ".post" + Num())
                + Pick(string.Empty, string.Empty, ".dev" + Num()) + Pick(string.Empty, string.Empty, string.Empty, "+local." + Num(), "+" + Num()),
            _ => (random.Next(6) == 0 ? Num() + ":" : string.Empty) + Num() + "." + Num() + Pick(string.Empty, "~rc" + Num(), "~~", "a", "+dfsg")
                + Pick(string.Empty, "-" + Num(), "-" + Num() + "+deb12u" + Num(), "-" + Num() + "~bpo12+1"),
        };
    }
}
