using System.Numerics;
using System.Text.RegularExpressions;

namespace Omg.Audit.Versions;

/// <summary>
/// PyPI: PEP 440 ordering. Versions are normalised as the specification says (case, <c>alpha</c>/<c>beta</c>/
/// <c>c</c>/<c>pre</c>/<c>preview</c> spellings, separators, implicit numbers, <c>1.0-1</c> as a post-release, a
/// leading <c>v</c>) and ordered by epoch, release (trailing zeros ignored), pre-release, post-release, development
/// release and local version, with the specification's special cases: a development release of a final version
/// sorts before its pre-releases, a local version after the same public one, numeric local segments after
/// alphanumeric ones.
/// </summary>
public sealed partial class Pep440Order : IVersionOrder
{
    /// <summary>The one instance.</summary>
    public static Pep440Order Instance { get; } = new();

    /// <inheritdoc />
    public bool IsValid(string version) => TryParse(version, out _);

    /// <inheritdoc />
    public int Compare(string a, string b)
    {
        if (!TryParse(a, out Key x) || !TryParse(b, out Key y))
        {
            throw new FormatException($"not a PEP 440 version: '{(TryParse(a, out _) ? b : a)}'");
        }

        int c = x.Epoch.CompareTo(y.Epoch);
        if (c == 0)
        {
            c = CompareRelease(x.Release, y.Release);
        }

        if (c == 0)
        {
            c = x.Pre.CompareTo(y.Pre);
        }

        if (c == 0)
        {
            c = x.Post.CompareTo(y.Post);
        }

        if (c == 0)
        {
            c = x.Dev.CompareTo(y.Dev);
        }

        if (c == 0)
        {
            c = CompareLocal(x.Local, y.Local);
        }

        return Math.Sign(c);
    }

    // Each optional part is ordered by (rank, letter, number): rank -1 and +1 stand for the specification's
    // negative and positive infinities, 0 for a part that is present.
    private readonly record struct Part(int Rank, int Letter, BigInteger Number) : IComparable<Part>
    {
        public static readonly Part Lowest = new(-1, 0, 0);
        public static readonly Part Highest = new(1, 0, 0);

        public int CompareTo(Part other)
        {
            int c = Rank.CompareTo(other.Rank);
            if (c == 0)
            {
                c = Letter.CompareTo(other.Letter);
            }

            return c != 0 ? c : Number.CompareTo(other.Number);
        }
    }

    private readonly record struct Key(BigInteger Epoch, BigInteger[] Release, Part Pre, Part Post, Part Dev, string[]? Local);

    private static bool TryParse(string? text, out Key key)
    {
        key = default;
        if (text is null)
        {
            return false;
        }

        Match m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }

        BigInteger epoch = m.Groups["epoch"].Success ? BigInteger.Parse(m.Groups["epoch"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture) : 0;
        var release = m.Groups["release"].Value.Split('.').Select(r => BigInteger.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        while (release.Count > 1 && release[^1].IsZero)
        {
            release.RemoveAt(release.Count - 1);
        }

        bool hasPre = m.Groups["pre_l"].Success, hasPost = m.Groups["post"].Success, hasDev = m.Groups["dev"].Success;
        Part pre = hasPre
            ? new Part(0, PreLetter(m.Groups["pre_l"].Value), Number(m.Groups["pre_n"]))
            : hasDev && !hasPost ? Part.Lowest : Part.Highest;
        Part post = hasPost ? new Part(0, 0, m.Groups["post_n1"].Success ? Number(m.Groups["post_n1"]) : Number(m.Groups["post_n2"])) : Part.Lowest;
        Part dev = hasDev ? new Part(0, 0, Number(m.Groups["dev_n"])) : Part.Highest;
        string[]? local = m.Groups["local"].Success
            ? m.Groups["local"].Value.ToLowerInvariant().Split(['-', '_', '.'])
            : null;
        key = new Key(epoch, [.. release], pre, post, dev, local);
        return true;
    }

    private static BigInteger Number(Group group) =>
        group.Success ? BigInteger.Parse(group.ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture) : BigInteger.Zero;

    private static int PreLetter(string letter) => letter.ToLowerInvariant() switch
    {
        "a" or "alpha" => 0,
        "b" or "beta" => 1,
        _ => 2, // c, rc, pre, preview
    };

    private static int CompareRelease(BigInteger[] a, BigInteger[] b)
    {
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            int c = (i < a.Length ? a[i] : BigInteger.Zero).CompareTo(i < b.Length ? b[i] : BigInteger.Zero);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    // No local version sorts first; then segment by segment, numeric segments above alphanumeric ones, numbers
    // numerically and words as text; a shorter list that is a prefix of the other sorts first.
    private static int CompareLocal(string[]? a, string[]? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null ? 0 : a is null ? -1 : 1;
        }

        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            bool numericA = a[i].All(char.IsAsciiDigit), numericB = b[i].All(char.IsAsciiDigit);
            int c = numericA && numericB
                ? BigInteger.Parse(a[i], System.Globalization.CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(b[i], System.Globalization.CultureInfo.InvariantCulture))
                : numericA != numericB ? (numericA ? 1 : -1) : string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    // The specification's own regular expression (PEP 440, Appendix B), case-insensitive.
    [GeneratedRegex(
        @"^v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)(?<pre>[-_\.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\.]?(?<pre_n>[0-9]+)?)?(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?(?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?)(?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
