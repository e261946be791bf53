using System.Runtime.CompilerServices;

namespace Omg.Packages.Debian;

/// <summary>
/// Streams the paragraphs and fields of a deb822 file (dpkg status, apt Packages/Release lists) held in
/// memory, without allocating. A field's value runs from after the colon to the end of its last
/// continuation line (lines starting with space or tab), so folded and multiline fields stay whole.
/// Lines holding only whitespace separate paragraphs; CRLF line ends are accepted. Packages and status
/// files have no comments, so a <c>#</c> line is an ordinary (and, lacking a colon, malformed) line.
/// </summary>
internal ref struct Deb822Reader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _line;
    private bool _inParagraph;

    /// <summary>Starts reading at the beginning of <paramref name="data"/>.</summary>
    public Deb822Reader(ReadOnlySpan<byte> data)
        : this(data, 0, 1)
    {
    }

    /// <summary>
    /// Starts reading at <paramref name="start"/>, which must begin a line (numbered <paramref name="line"/>);
    /// offsets stay relative to <paramref name="data"/>, so parts of one buffer can be read in parallel.
    /// </summary>
    public Deb822Reader(ReadOnlySpan<byte> data, int start, int line)
    {
        _data = data;
        _position = start;
        _line = line;
        _inParagraph = false;
    }

    /// <summary>Byte offset where the current paragraph starts.</summary>
    public int ParagraphOffset { get; private set; }

    /// <summary>1-based line where the current paragraph starts.</summary>
    public int ParagraphLine { get; private set; }

    /// <summary>Why the current paragraph is malformed, after <see cref="NextField"/> returned false; null when it ended normally.</summary>
    public string? Error { get; private set; }

    /// <summary>Moves to the next paragraph (skipping the rest of the current one); false at end of data.</summary>
    public bool NextParagraph()
    {
        // Skip whatever remains of the current paragraph, then the separating blank lines.
        while (_inParagraph && _position < _data.Length && !IsBlankLine(_position))
        {
            SkipLine();
        }

        while (_position < _data.Length && IsBlankLine(_position))
        {
            SkipLine();
        }

        Error = null;
        ParagraphOffset = _position;
        ParagraphLine = _line;
        _inParagraph = _position < _data.Length;
        return _inParagraph;
    }

    /// <summary>
    /// Reads the next field of the current paragraph. Returns false at the paragraph's end, or when the
    /// paragraph is malformed (then <see cref="Error"/> says why).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool NextField(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out int valueOffset)
    {
        name = default;
        value = default;
        valueOffset = 0;
        if (Error is not null || _position >= _data.Length || IsBlankLine(_position))
        {
            return false;
        }

        var first = _data[_position];
        if (first is (byte)' ' or (byte)'\t')
        {
            Error = $"line {_line}: continuation line without a field";
            return false;
        }

        var lineEnd = LineEnd(_position);
        var line = _data[_position..lineEnd];
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            Error = colon == 0 ? $"line {_line}: empty field name" : $"line {_line}: line without a colon";
            return false;
        }

        // Trimmed by hand, once per field of a million-line list: the generic TrimEnd is not precompiled in the
        // framework, so a cold omgd compiled it first (and ran it at tier 0 with quick JIT for loops).
        var nameEnd = colon;
        while (line[nameEnd - 1] == (byte)' ')
        {
            nameEnd--;
        }

        name = line[..nameEnd];
        var start = _position + colon + 1;
        var end = lineEnd;

        // Each line's end is found once: the reader moves straight past it (a Packages list has about a million lines).
        MovePast(lineEnd);
        while (_position < _data.Length && _data[_position] is (byte)' ' or (byte)'\t' && !IsBlankLine(_position))
        {
            end = LineEnd(_position);
            MovePast(end);
        }

        // Trim the separating space after the colon and a CR before the newline.
        while (start < end && _data[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        while (end > start && _data[end - 1] is (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            end--;
        }

        value = _data[start..end];
        valueOffset = start;
        return true;
    }

    private readonly int LineEnd(int from)
    {
        var newline = _data[from..].IndexOf((byte)'\n');
        return newline < 0 ? _data.Length : from + newline;
    }

    private void SkipLine() => MovePast(LineEnd(_position));

    private void MovePast(int lineEnd)
    {
        _position = lineEnd < _data.Length ? lineEnd + 1 : lineEnd;
        _line++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly bool IsBlankLine(int from)
    {
        for (var i = from; i < _data.Length; i++)
        {
            switch (_data[i])
            {
                case (byte)'\n':
                    return true;
                case (byte)' ' or (byte)'\t' or (byte)'\r':
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }
}
