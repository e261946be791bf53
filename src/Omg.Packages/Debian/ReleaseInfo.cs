namespace Omg.Packages.Debian;

/// <summary>What a Release/InRelease file says about the lists it covers.</summary>
/// <param name="Suite">Codename (else Suite), e.g. <c>bookworm</c>; null when the file has neither.</param>
/// <param name="Priority">apt's default pin: 1 for NotAutomatic, 100 with ButAutomaticUpgrades as well, else 500.</param>
internal sealed record ReleaseInfo(string? Suite, int Priority)
{
    /// <summary>What applies when there is no Release file.</summary>
    public static ReleaseInfo Default { get; } = new(null, 500);

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
            notAutomatic ? (butUpgrades ? 100 : 1) : 500);
    }
}
