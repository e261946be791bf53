using System.Runtime.CompilerServices;

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
internal readonly record struct RecordFields(
    string Description,
    string? LongDescription,
    string? DescriptionMd5,
    string Homepage,
    long InstalledSize,
    long DownloadSize,
    IReadOnlyList<string> Provides,
    IReadOnlyList<string> Depends)
{
    // Called per token/record through a cold daemon's first build: compiled optimized at once, since the
    // build would otherwise run mostly tier-0 code (measured: 14 % less build CPU, docs/benchmarks.md).
    /// <summary>
    /// Builds the fields from a paragraph. The Description-md5 string is only made when
    /// <paramref name="keepMd5"/> (there are Translation files to look it up in); the Depends text is copied
    /// to <paramref name="arena"/> and parsed when read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RecordFields From(ReadOnlySpan<byte> buffer, scoped ReadOnlySpan<(int Start, int Length)> spans, NamePool pool, List<string> scratch, ByteArena arena, bool keepMd5)
    {
        var description = FieldSpans.Slice(spans, buffer, ControlField.Description);
        var md5 = keepMd5 ? FieldSpans.Slice(spans, buffer, ControlField.DescriptionMd5) : default;
        return new RecordFields(
            Deb822Text.ToText(Deb822Text.FirstLine(description)),
            Deb822Text.ExtendedText(description),
            md5.IsEmpty ? null : Deb822Text.ToText(md5.Trim(" \t"u8)),
            Deb822Text.ToText(FieldSpans.Slice(spans, buffer, ControlField.Homepage)),
            ParseLong(FieldSpans.Slice(spans, buffer, ControlField.InstalledSize)) * 1024,
            DownloadSizeOf(buffer, spans),
            FirstNames(buffer, spans, ControlField.Provides, pool, scratch),
            RelationNames.Of(FieldSpans.Slice(spans, buffer, ControlField.PreDepends), FieldSpans.Slice(spans, buffer, ControlField.Depends), arena));
    }

    /// <summary>The <c>Size</c> of a list entry in bytes, 0 when absent or malformed.</summary>
    public static long DownloadSizeOf(ReadOnlySpan<byte> buffer, scoped ReadOnlySpan<(int Start, int Length)> spans) =>
        ParseLong(FieldSpans.Slice(spans, buffer, ControlField.Size));

    // Exact-size arrays (or the shared empty one): tens of thousands of records are kept by the index.
    private static string[] FirstNames(ReadOnlySpan<byte> buffer, scoped ReadOnlySpan<(int Start, int Length)> spans, ControlField field, NamePool pool, List<string> scratch)
    {
        scratch.Clear();
        RelationParser.AddFirstNames(FieldSpans.Slice(spans, buffer, field), pool, scratch);
        return scratch.Count == 0 ? [] : [.. scratch];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long ParseLong(ReadOnlySpan<byte> value) =>
        System.Buffers.Text.Utf8Parser.TryParse(value.Trim(" \t"u8), out long result, out _) && result >= 0 ? result : 0;
}
