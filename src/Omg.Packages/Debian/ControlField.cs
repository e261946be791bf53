using System.Text;

namespace Omg.Packages.Debian;

/// <summary>The control fields this backend reads; everything else is skipped without allocating.</summary>
internal enum ControlField
{
    Package,
    Version,
    Architecture,
    Status,
    Provides,
    Depends,
    PreDepends,
    Recommends,
    Suggests,
    Description,
    DescriptionMd5,
    Homepage,
    InstalledSize,
    Size,
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

    /// <summary>Sentinel: the number of fields above.</summary>
    Count,
}

/// <summary>Maps field names (case-insensitive, as policy says) to <see cref="ControlField"/>.</summary>
internal static class ControlFieldNames
{
    private static readonly byte[][] Names = Enum.GetValues<ControlField>()
        .Where(f => f != ControlField.Count)
        .Select(f => Encoding.ASCII.GetBytes(f switch
        {
            ControlField.PreDepends => "Pre-Depends",
            ControlField.DescriptionMd5 => "Description-md5",
            ControlField.InstalledSize => "Installed-Size",
            ControlField.MultiArch => "Multi-Arch",
            ControlField.AutoInstalled => "Auto-Installed",
            ControlField.NotAutomatic => "NotAutomatic",
            ControlField.ButAutomaticUpgrades => "ButAutomaticUpgrades",
            _ => f.ToString(),
        }))
        .ToArray();

    /// <summary>The field a name denotes, or <see cref="ControlField.Count"/> when it is not one we read.</summary>
    public static ControlField Find(ReadOnlySpan<byte> name)
    {
        // Names differ mostly in length and first letter; checking both first keeps this cheap.
        var first = (byte)(name.IsEmpty ? 0 : name[0] | 0x20);
        for (var i = 0; i < Names.Length; i++)
        {
            var candidate = Names[i];
            if (candidate.Length == name.Length && (candidate[0] | 0x20) == first && System.Text.Ascii.EqualsIgnoreCase(candidate, name))
            {
                return (ControlField)i;
            }
        }

        return ControlField.Count;
    }
}
