namespace Omg.Packages.Debian;

/// <summary>Debian version ordering, identical to <c>dpkg --compare-versions</c>.</summary>
public static class DebianVersion
{
    /// <summary>
    /// Compares two Debian versions (<c>[epoch:]upstream[-revision]</c>): negative when <paramref name="a"/>
    /// sorts first, zero when equal, positive otherwise. Null counts as the empty version.
    /// </summary>
    public static int Compare(string? a, string? b) => Compare(a.AsSpan(), b.AsSpan());

    /// <summary>Span form of <see cref="Compare(string?, string?)"/>; allocates nothing.</summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Split(a.Trim(), out var epochA, out var upstreamA, out var revisionA);
        Split(b.Trim(), out var epochB, out var upstreamB, out var revisionB);
        var result = CompareNumbers(epochA, epochB);
        if (result != 0)
        {
            return result;
        }

        result = CompareParts(upstreamA, upstreamB);
        return result != 0 ? result : CompareParts(revisionA, revisionB);
    }

    private static void Split(ReadOnlySpan<char> version, out ReadOnlySpan<char> epoch, out ReadOnlySpan<char> upstream, out ReadOnlySpan<char> revision)
    {
        var colon = version.IndexOf(':');
        if (colon >= 0)
        {
            epoch = version[..colon];
            version = version[(colon + 1)..];
        }
        else
        {
            epoch = default;
        }

        var hyphen = version.LastIndexOf('-');
        upstream = hyphen >= 0 ? version[..hyphen] : version;
        revision = hyphen >= 0 ? version[(hyphen + 1)..] : default;
    }

    // Compares digit strings by value without parsing, so no length overflows.
    private static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        if (a.Length != b.Length)
        {
            return a.Length < b.Length ? -1 : 1;
        }

        return Math.Sign(a.SequenceCompareTo(b));
    }

    // dpkg's verrevcmp: alternate non-digit runs (compared by Order) and digit runs (compared by value).
    private static int CompareParts(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var orderA = i < a.Length ? Order(a[i]) : 0;
                var orderB = j < b.Length ? Order(b[j]) : 0;
                if (orderA != orderB)
                {
                    return orderA < orderB ? -1 : 1;
                }

                i++;
                j++;
            }

            var startA = i;
            while (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                i++;
            }

            var startB = j;
            while (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                j++;
            }

            var result = CompareNumbers(a[startA..i], b[startB..j]);
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    // '~' before end of string before letters before everything else.
    private static int Order(char c) => c switch
    {
        _ when char.IsAsciiDigit(c) => 0,
        _ when char.IsAsciiLetter(c) => c,
        '~' => -1,
        _ => c + 256,
    };
}
