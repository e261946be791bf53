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
    // Candidates bucketed by name length: most field names are rejected by one length lookup.
    private static readonly (byte[] Name, ControlField Field)[][] ByLength = BuildBuckets();

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
            if (System.Text.Ascii.EqualsIgnoreCase(candidate, name))
            {
                return field;
            }
        }

        return ControlField.Count;
    }

    private static (byte[] Name, ControlField Field)[][] BuildBuckets()
    {
        var names = Enum.GetValues<ControlField>()
            .Where(f => f != ControlField.Count)
            .Select(f => (Name: Encoding.ASCII.GetBytes(f switch
            {
                ControlField.PreDepends => "Pre-Depends",
                ControlField.DescriptionMd5 => "Description-md5",
                ControlField.InstalledSize => "Installed-Size",
                ControlField.MultiArch => "Multi-Arch",
                ControlField.AutoInstalled => "Auto-Installed",
                _ => f.ToString(),
            }), Field: f))
            .ToList();
        var buckets = new (byte[] Name, ControlField Field)[names.Max(n => n.Name.Length) + 1][];
        for (var length = 0; length < buckets.Length; length++)
        {
            buckets[length] = names.Where(n => n.Name.Length == length).ToArray();
        }

        return buckets;
    }
}
