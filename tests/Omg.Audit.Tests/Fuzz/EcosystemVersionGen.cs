using CsCheck;

namespace Omg.Audit.Tests.Fuzz;

/// <summary>
/// SemVer 2.0 and PEP 440 versions, valid by construction, from small alphabets so that random pairs share prefixes;
/// PEP 440's alternative spellings (case, separators, long pre-release names, implicit numbers) are drawn too.
/// </summary>
internal static class EcosystemVersionGen
{
    private static readonly Gen<string> Number = Gen.Frequency((6, Gen.Int[0, 3].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, Gen.OneOf("10", "99999999999999999999")));

    private static readonly Gen<string> Identifier = Gen.Frequency(
        (2, Number),
        (3, Gen.Char["abcz0-"].Array[1, 4].Select(c => new string(c)).Where(s => !s.All(char.IsAsciiDigit))));

    /// <summary>SemVer 2.0: MAJOR.MINOR.PATCH[-pre.release][+build], with npm's tolerated "v" and "=" prefixes now and then.</summary>
    public static readonly Gen<string> SemVer = Gen.Select(
        Gen.Frequency((8, Gen.Const(string.Empty)), (1, Gen.OneOf("v", "="))),
        Gen.Select(Number, Number, Number, (a, b, c) => $"{a}.{b}.{c}"),
        Gen.Frequency((1, Gen.Const(string.Empty)), (2, Identifier.Array[1, 3].Select(ids => "-" + string.Join('.', ids)))),
        Gen.Frequency((4, Gen.Const(string.Empty)), (1, Identifier.Array[1, 2].Select(ids => "+" + string.Join('.', ids)))),
        (prefix, core, pre, build) => prefix + core + pre + build);

    /// <summary>PEP 440: [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], in canonical and alternative spellings.</summary>
    public static readonly Gen<string> Pep440 = Gen.Select(
        Gen.Frequency((6, Gen.Const(string.Empty)), (1, Number.Select(e => e + "!"))),
        Number.Array[1, 3].Select(parts => string.Join('.', parts)),
        Gen.Frequency(
            (2, Gen.Const(string.Empty)),
            (2, Gen.Select(Gen.OneOf("a", "b", "rc", "alpha", "beta", "c", "pre", "preview", "A", "RC"), Gen.OneOf(string.Empty, ".", "-", "_"), Gen.OneOf(string.Empty, "0", "1", "2", "10"), (tag, sep, n) => sep + tag + n))),
        Gen.Frequency(
            (3, Gen.Const(string.Empty)),
            (1, Gen.Select(Gen.OneOf(".post", "post", "-post", ".rev", ".r", "-"), Gen.OneOf("0", "1", "2"), (tag, n) => tag + n))),
        Gen.Frequency((3, Gen.Const(string.Empty)), (1, Gen.Select(Gen.OneOf(".dev", "dev", "-dev"), Gen.OneOf(string.Empty, "0", "1", "5"), (tag, n) => tag + n))),
        Gen.Frequency((4, Gen.Const(string.Empty)), (1, Gen.Char["abz019"].Array[1, 3].Array[1, 2].Select(parts => "+" + string.Join('.', parts.Select(p => new string(p)))))),
        (epoch, release, pre, post, dev, local) => epoch + release + pre + post + dev + local);

    /// <summary>Strings near versions: the characters versions are made of, in any order, for the validity contract.</summary>
    public static readonly Gen<string> NearVersion = Gen.Char["0123456789.-+~:!_abcdeprvostVRC= \t"].Array[0, 16].Select(c => new string(c));
}
