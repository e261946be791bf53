using System.Runtime.CompilerServices;

namespace Omg.Packages.Debian;

/// <summary>Where each <see cref="ControlField"/> of one paragraph sits in its buffer (start, length); length -1 when absent.</summary>
[InlineArray((int)ControlField.Count)]
internal struct FieldSpans
{
    private (int Start, int Length) _element;

    // Copied for each paragraph: a plain block copy, where Span.Fill over a tuple was a generic framework
    // method compiled at every start inside the cold build.
    private static readonly FieldSpans AllAbsent = CreateEmpty();

    /// <summary>A value with every field absent.</summary>
    public static FieldSpans Empty => AllAbsent;

    private static FieldSpans CreateEmpty()
    {
        var spans = default(FieldSpans);
        for (var i = 0; i < (int)ControlField.Count; i++)
        {
            spans[i] = (0, -1);
        }

        return spans;
    }

    /// <summary>Reads one paragraph's fields; returns false (with <paramref name="error"/>) when it is malformed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Read(ref Deb822Reader reader, out FieldSpans spans, out string? error)
    {
        spans = Empty;
        while (reader.NextField(out var name, out var value, out var offset))
        {
            var field = ControlFieldNames.Find(name);
            if (field != ControlField.Count)
            {
                spans[(int)field] = (offset, value.Length);
            }
        }

        error = reader.Error;
        return error is null;
    }

    /// <summary>True when the paragraph has the field.</summary>
    public readonly bool Has(ControlField field) => this[(int)field].Length >= 0;

    /// <summary>The field's value within <paramref name="buffer"/>, empty when absent.</summary>
    public readonly ReadOnlySpan<byte> Get(ReadOnlySpan<byte> buffer, ControlField field) => Slice(this, buffer, field);

    /// <summary>The field's value given a span table indexed by <see cref="ControlField"/>.</summary>
    public static ReadOnlySpan<byte> Slice(scoped ReadOnlySpan<(int Start, int Length)> spans, ReadOnlySpan<byte> buffer, ControlField field)
    {
        var (start, length) = spans[(int)field];
        return length <= 0 ? default : buffer.Slice(start, length);
    }
}

/// <summary>
/// The spans of the record fields only (the first <see cref="Length"/> <see cref="ControlField"/> values):
/// a list version is kept per available package, and the full table would triple its size.
/// </summary>
[InlineArray(Length)]
internal struct RecordSpans
{
    /// <summary>How many fields are kept.</summary>
    public const int Length = (int)ControlField.Depends + 1;

    private (int Start, int Length) _element;

    /// <summary>Copies the record fields out of a full table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RecordSpans From(in FieldSpans spans)
    {
        var result = default(RecordSpans);
        ((ReadOnlySpan<(int Start, int Length)>)spans)[..Length].CopyTo(result);
        return result;
    }
}
