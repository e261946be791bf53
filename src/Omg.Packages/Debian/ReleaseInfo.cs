namespace Omg.Packages.Debian;

/// <summary>What a Release/InRelease file says about the lists it covers.</summary>
/// <param name="Suite">Codename (else Suite), e.g. <c>bookworm</c>; null when the file has neither.</param>
/// <param name="Priority">apt's default pin: 1 for NotAutomatic, 100 with ButAutomaticUpgrades as well, else 500.</param>
internal sealed record ReleaseInfo(string? Suite, int Priority)
{
    /// <summary>What applies when there is no Release file.</summary>
    public static ReleaseInfo Default { get; } = new(null, 500);

    /// <summary>The <c>Origin</c> field (a vendor such as <c>Debian</c>), matched by <c>o=</c> pins.</summary>
    public string? Origin { get; init; }

    /// <summary>The <c>Label</c> field, matched by <c>l=</c> pins.</summary>
    public string? Label { get; init; }

    /// <summary>The <c>Suite</c> field (apt's "archive", e.g. <c>stable</c>), matched by <c>a=</c> pins.</summary>
    public string? Archive { get; init; }

    /// <summary>The <c>Codename</c> field, matched by <c>n=</c> pins.</summary>
    public string? Codename { get; init; }

    /// <summary>The <c>Version</c> field (the release's, e.g. <c>12.5</c>), matched by <c>v=</c> pins.</summary>
    public string? Version { get; init; }

    /// <summary>Parses a Release or clearsigned InRelease file.</summary>
    public static ReleaseInfo Parse(ReadOnlySpan<byte> data)
    {
        // InRelease is OpenPGP clearsigned: the fields sit between the armour header block and the signature.
        if (data.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----"u8))
        {
            var blank = data.IndexOf("\n\n"u8);
            data = blank < 0 ? default : data[(blank + 2)..];
            var signature = data.IndexOf("\n-----BEGIN PGP SIGNATURE-----"u8);
            data = signature < 0 ? data : data[..(signature + 1)];
        }

        var reader = new Deb822Reader(data);
        if (!reader.NextParagraph() || !FieldSpans.Read(ref reader, out var spans, out _))
        {
            return Default;
        }

        var codename = spans.Get(data, ControlField.Codename);
        var suite = codename.IsEmpty ? spans.Get(data, ControlField.Suite) : codename;
        var notAutomatic = Deb822Text.IsYes(spans.Get(data, ControlField.NotAutomatic));
        var butUpgrades = Deb822Text.IsYes(spans.Get(data, ControlField.ButAutomaticUpgrades));
        return new ReleaseInfo(
            suite.IsEmpty ? null : Deb822Text.ToText(suite),
            notAutomatic ? (butUpgrades ? 100 : 1) : 500)
        {
            Origin = TextOrNull(spans.Get(data, ControlField.Origin)),
            Label = TextOrNull(spans.Get(data, ControlField.Label)),
            Archive = TextOrNull(spans.Get(data, ControlField.Suite)),
            Codename = TextOrNull(codename),
            Version = TextOrNull(spans.Get(data, ControlField.Version)),
        };
    }

    private static string? TextOrNull(ReadOnlySpan<byte> value)
    {
        value = value.Trim(" \t"u8);
        return value.IsEmpty ? null : Deb822Text.ToText(value);
    }
}
