namespace Omg.Packages.Index;

/// <summary>
/// The documents of each source as a bitset over the index order, so a search limited to some sources is one
/// more AND over the bitsets it already combines, applied before ranking, the limit and the total.
/// </summary>
internal sealed class SourceSets
{
    private readonly string[] _names;
    private readonly ulong[][] _bits;

    private SourceSets(string[] names, ulong[][] bits)
    {
        _names = names;
        _bits = bits;
    }

    /// <summary>Groups <paramref name="docs"/> by <see cref="PackageRecord.Source"/>.</summary>
    public static SourceSets Build(PackageRecord[] docs)
    {
        var length = (docs.Length + 63) >> 6;
        var names = new List<string>();
        var bits = new List<ulong[]>();
        string? last = null;
        ulong[]? current = null;
        for (var doc = 0; doc < docs.Length; doc++)
        {
            var source = docs[doc].Source;

            // Documents are in name order, so sources alternate; the last one seen is usually the next one too.
            if (source != last)
            {
                var at = names.IndexOf(source);
                if (at < 0)
                {
                    names.Add(source);
                    bits.Add(new ulong[length]);
                    at = names.Count - 1;
                }

                last = source;
                current = bits[at];
            }

            current![doc >> 6] |= 1UL << doc;
        }

        return new SourceSets([.. names], [.. bits]);
    }

    /// <summary>
    /// Writes into <paramref name="mask"/> the documents of every source that one of <paramref name="patterns"/>
    /// matches (see <see cref="SourcePattern"/>); all clear when none does.
    /// </summary>
    public void Mask(IReadOnlyList<string> patterns, Span<ulong> mask)
    {
        mask.Clear();
        for (var s = 0; s < _names.Length; s++)
        {
            foreach (var pattern in patterns)
            {
                if (SourcePattern.Matches(pattern, _names[s]))
                {
                    var bits = _bits[s];
                    for (var i = 0; i < mask.Length; i++)
                    {
                        mask[i] |= bits[i];
                    }

                    break;
                }
            }
        }
    }
}
