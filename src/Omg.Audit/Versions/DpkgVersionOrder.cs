using Omg.Packages.Debian;

namespace Omg.Audit.Versions;

/// <summary>
/// Debian and Ubuntu: <c>dpkg --compare-versions</c>, through the package backend's own comparer (one order for
/// the whole product). Valid per Debian policy 5.6.12: optional numeric epoch, an upstream version that starts
/// with a digit, an optional revision.
/// </summary>
public sealed class DpkgVersionOrder : IVersionOrder
{
    /// <summary>The one instance.</summary>
    public static DpkgVersionOrder Instance { get; } = new();

    /// <inheritdoc />
    public bool IsValid(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        ReadOnlySpan<char> rest = version;
        int colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            if (colon == 0 || !IsDigits(rest[..colon]))
            {
                return false;
            }

            rest = rest[(colon + 1)..];
        }

        int dash = rest.LastIndexOf('-');
        ReadOnlySpan<char> upstream = dash >= 0 ? rest[..dash] : rest;
        if (dash >= 0 && (dash == rest.Length - 1 || !AllOf(rest[(dash + 1)..], "+.~")))
        {
            return false;
        }

        // A hyphen in the upstream part is allowed only when there is a revision, which the last hyphen started.
        return upstream.Length > 0 && char.IsAsciiDigit(upstream[0]) && AllOf(upstream, dash >= 0 ? "+.~-" : "+.~");
    }

    /// <inheritdoc />
    public int Compare(string a, string b)
    {
        if (!IsValid(a) || !IsValid(b))
        {
            throw new FormatException($"not a Debian version: '{(IsValid(a) ? b : a)}'");
        }

        return DebianVersion.Compare(a, b);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllOf(ReadOnlySpan<char> text, string punctuation)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && punctuation.IndexOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
