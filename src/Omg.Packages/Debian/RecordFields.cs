namespace Omg.Packages.Debian;

/// <summary>The descriptive fields of one version, as the package record needs them.</summary>
/// <param name="Description">Synopsis.</param>
/// <param name="LongDescription">Extended description, null when the paragraph has none.</param>
/// <param name="DescriptionMd5">Description-md5 (key into Translation files), null when absent.</param>
/// <param name="Homepage">Homepage, empty when none.</param>
/// <param name="InstalledSize">Bytes (Installed-Size × 1024).</param>
/// <param name="DownloadSize">Bytes (Size), 0 when unknown.</param>
/// <param name="Provides">Provided names.</param>
/// <param name="Depends">First-alternative names of Depends and Pre-Depends.</param>
internal sealed record RecordFields(
    string Description,
    string? LongDescription,
    string? DescriptionMd5,
    string Homepage,
    long InstalledSize,
    long DownloadSize,
    IReadOnlyList<string> Provides,
    IReadOnlyList<string> Depends)
{
    /// <summary>Builds the fields from a paragraph.</summary>
    public static RecordFields From(ReadOnlySpan<byte> buffer, in FieldSpans spans, NamePool pool)
    {
        var description = spans.Get(buffer, ControlField.Description);
        var provides = new List<string>();
        RelationParser.AddFirstNames(spans.Get(buffer, ControlField.Provides), pool, provides);
        var depends = new List<string>();
        RelationParser.AddFirstNames(spans.Get(buffer, ControlField.PreDepends), pool, depends);
        RelationParser.AddFirstNames(spans.Get(buffer, ControlField.Depends), pool, depends);
        var md5 = spans.Get(buffer, ControlField.DescriptionMd5);
        return new RecordFields(
            Deb822Text.ToText(Deb822Text.FirstLine(description)),
            Deb822Text.ExtendedText(description),
            md5.IsEmpty ? null : Deb822Text.ToText(md5.Trim(" \t"u8)),
            Deb822Text.ToText(spans.Get(buffer, ControlField.Homepage)),
            ParseLong(spans.Get(buffer, ControlField.InstalledSize)) * 1024,
            ParseLong(spans.Get(buffer, ControlField.Size)),
            provides.Count == 0 ? [] : provides,
            depends.Count == 0 ? [] : depends);
    }

    private static long ParseLong(ReadOnlySpan<byte> value) =>
        System.Buffers.Text.Utf8Parser.TryParse(value.Trim(" \t"u8), out long result, out _) && result >= 0 ? result : 0;
}
