using System.Text;
using System.Runtime.CompilerServices;

namespace Omg.Packages.Debian;

/// <summary>The control fields this backend reads; everything else is skipped without allocating.</summary>
internal enum ControlField
{
    // The fields a package record is built from come first so RecordSpans can keep just them.
    Description,
    DescriptionMd5,
    Homepage,
    InstalledSize,
    Size,
    Provides,
    PreDepends,
    Depends,
    Package,
    Version,
    Architecture,
    Status,
    Recommends,
    Suggests,
    Source,
    MultiArch,
    Essential,
    Protected,
    Important,
    Priority,
    AutoInstalled,
    Suite,
    Codename,
    Components,
    NotAutomatic,
    ButAutomaticUpgrades,
    Origin,
    Label,

    /// <summary>Sentinel: the number of fields above.</summary>
    Count,
}

/// <summary>Maps field names (case-insensitive, as policy says) to <see cref="ControlField"/>.</summary>
internal static class ControlFieldNames
{
    // Spelled out rather than derived from the enum with LINQ and Enum.ToString: that derivation compiled a
    // dozen generic framework methods over ControlField at every start, inside the cold index build.
    private static readonly (string Name, ControlField Field)[] Names =
    [
        ("Description", ControlField.Description),
        ("Description-md5", ControlField.DescriptionMd5),
        ("Homepage", ControlField.Homepage),
        ("Installed-Size", ControlField.InstalledSize),
        ("Size", ControlField.Size),
        ("Provides", ControlField.Provides),
        ("Pre-Depends", ControlField.PreDepends),
        ("Depends", ControlField.Depends),
        ("Package", ControlField.Package),
        ("Version", ControlField.Version),
        ("Architecture", ControlField.Architecture),
        ("Status", ControlField.Status),
        ("Recommends", ControlField.Recommends),
        ("Suggests", ControlField.Suggests),
        ("Source", ControlField.Source),
        ("Multi-Arch", ControlField.MultiArch),
        ("Essential", ControlField.Essential),
        ("Protected", ControlField.Protected),
        ("Important", ControlField.Important),
        ("Priority", ControlField.Priority),
        ("Auto-Installed", ControlField.AutoInstalled),
        ("Suite", ControlField.Suite),
        ("Codename", ControlField.Codename),
        ("Components", ControlField.Components),
        ("NotAutomatic", ControlField.NotAutomatic),
        ("ButAutomaticUpgrades", ControlField.ButAutomaticUpgrades),
        ("Origin", ControlField.Origin),
        ("Label", ControlField.Label),
    ];

    // Candidates bucketed by name length, in lower case: most field names are rejected by one length lookup.
    private static readonly (byte[] LowerName, ControlField Field)[][] ByLength = BuildBuckets();

    /// <summary>Every field with its name as policy spells it.</summary>
    public static ReadOnlySpan<(string Name, ControlField Field)> All => Names;

    /// <summary>The field a name denotes, or <see cref="ControlField.Count"/> when it is not one we read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ControlField Find(ReadOnlySpan<byte> name)
    {
        if (name.Length >= ByLength.Length)
        {
            return ControlField.Count;
        }

        foreach (var (candidate, field) in ByLength[name.Length])
        {
            if (EqualsLower(name, candidate))
            {
                return field;
            }
        }

        return ControlField.Count;
    }

    // Case-insensitive for ASCII letters only, as Ascii.EqualsIgnoreCase, without its generic code.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EqualsLower(ReadOnlySpan<byte> name, byte[] lower)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            var b = name[i];
            if ((uint)(b - 'A') <= 'Z' - 'A')
            {
                b |= 0x20;
            }

            if (b != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    private static (byte[] LowerName, ControlField Field)[][] BuildBuckets()
    {
        var longest = 0;
        foreach (var (name, _) in Names)
        {
            longest = Math.Max(longest, name.Length);
        }

        var counts = new int[longest + 1];
        foreach (var (name, _) in Names)
        {
            counts[name.Length]++;
        }

        var buckets = new (byte[] LowerName, ControlField Field)[longest + 1][];
        for (var length = 0; length <= longest; length++)
        {
            buckets[length] = new (byte[], ControlField)[counts[length]];
            counts[length] = 0;
        }

        foreach (var (name, field) in Names)
        {
            buckets[name.Length][counts[name.Length]++] = (Encoding.ASCII.GetBytes(name.ToLowerInvariant()), field);
        }

        return buckets;
    }
}
