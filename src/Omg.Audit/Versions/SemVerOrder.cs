namespace Omg.Audit.Versions;

/// <summary>
/// npm: Semantic Versioning 2.0.0 precedence (§11): major, minor and patch numerically, a version with a
/// pre-release below the same version without one, pre-release identifiers compared one by one (numeric ones
/// numerically and below alphanumeric ones, alphanumeric ones in ASCII order, a shorter list first when all
/// before are equal), build metadata ignored. As npm's own parser does, a leading <c>v</c> or <c>=</c> is allowed.
/// </summary>
public sealed class SemVerOrder : IVersionOrder
{
    /// <summary>The one instance.</summary>
    public static SemVerOrder Instance { get; } = new();

    /// <inheritdoc />
    public bool IsValid(string version) => TryParse(version, out _);

    /// <inheritdoc />
    public int Compare(string a, string b)
    {
        if (!TryParse(a, out Parsed x) || !TryParse(b, out Parsed y))
        {
            throw new FormatException($"not a SemVer 2.0 version: '{(TryParse(a, out _) ? b : a)}'");
        }

        for (int i = 0; i < 3; i++)
        {
            int c = CompareNumeric(x.Core[i], y.Core[i]);
            if (c != 0)
            {
                return c;
            }
        }

        // A release sorts after its own pre-releases.
        if (x.Pre.Length == 0 || y.Pre.Length == 0)
        {
            return x.Pre.Length == y.Pre.Length ? 0 : x.Pre.Length == 0 ? 1 : -1;
        }

        for (int i = 0; i < Math.Min(x.Pre.Length, y.Pre.Length); i++)
        {
            int c = CompareIdentifier(x.Pre[i], y.Pre[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return Math.Sign(x.Pre.Length.CompareTo(y.Pre.Length));
    }

    private readonly record struct Parsed(string[] Core, string[] Pre);

    private static bool TryParse(string? text, out Parsed parsed)
    {
        parsed = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        ReadOnlySpan<char> rest = text.AsSpan().Trim();
        if (rest.Length > 0 && rest[0] is 'v' or '=')
        {
            rest = rest[1..];
        }

        int plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            if (!Identifiers(rest[(plus + 1)..], numericRule: false, out _))
            {
                return false;
            }

            rest = rest[..plus];
        }

        string[] pre = [];
        int dash = rest.IndexOf('-');
        if (dash >= 0)
        {
            if (!Identifiers(rest[(dash + 1)..], numericRule: true, out pre))
            {
                return false;
            }

            rest = rest[..dash];
        }

        string[] core = rest.ToString().Split('.');
        if (core.Length != 3 || !core.All(IsNumericIdentifier))
        {
            return false;
        }

        parsed = new Parsed(core, pre);
        return true;
    }

    // Dot-separated [0-9A-Za-z-]+ identifiers; in a pre-release a numeric one has no leading zero.
    private static bool Identifiers(ReadOnlySpan<char> text, bool numericRule, out string[] identifiers)
    {
        identifiers = text.ToString().Split('.');
        foreach (string identifier in identifiers)
        {
            if (identifier.Length == 0 || !identifier.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }

            if (numericRule && identifier.All(char.IsAsciiDigit) && !IsNumericIdentifier(identifier))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumericIdentifier(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0');

    // Numbers of any length: without leading zeros, the longer is the larger, and equal lengths compare as text.
    private static int CompareNumeric(string a, string b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b) switch { < 0 => -1, > 0 => 1, _ => 0 };

    private static int CompareIdentifier(string a, string b)
    {
        bool numericA = a.All(char.IsAsciiDigit), numericB = b.All(char.IsAsciiDigit);
        if (numericA && numericB)
        {
            return CompareNumeric(a, b);
        }

        if (numericA != numericB)
        {
            return numericA ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(a, b));
    }
}
