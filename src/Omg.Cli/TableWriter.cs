using System.Text;

namespace Omg.Cli;

/// <summary>
/// Aligned text columns fitted to a width. Every column stays, as wide as its longest value when that fits. When the
/// rows are wider than the width, the last column (free text: a description, a path, a repo) gives way first, down to
/// ten characters; then the widest columns, one character at a time, headers included; a cut value ends in an
/// ellipsis. A key/value table wraps its values onto further lines instead of cutting them. Only when every column
/// is at its floor are whole lines cut.
/// </summary>
public sealed class TableWriter
{
    private const int Gap = 2;

    // A column cut narrower than this reads as noise: it keeps this much where its values do.
    private const int MinimumColumn = 4;

    // What the free-text last column keeps before the names and versions left of it are cut.
    private const int MinimumLastColumn = 10;

    private readonly string[]? _headers;
    private readonly int _columns;
    private readonly bool _wrapLast;
    private readonly List<string[]> _rows = [];

    /// <summary>A table with a header row.</summary>
    public TableWriter(params string[] headers)
    {
        _headers = headers;
        _columns = headers.Length;
    }

    private TableWriter(int columns, bool wrapLast)
    {
        _columns = columns;
        _wrapLast = wrapLast;
    }

    /// <summary>Rows so far.</summary>
    public int RowCount => _rows.Count;

    /// <summary>A table without header: aligned key/value lines, long values wrapped.</summary>
    public static TableWriter KeyValue() => new(2, wrapLast: true);

    /// <summary>Adds a row; missing cells are empty, null cells too.</summary>
    public TableWriter AddRow(params string?[] cells)
    {
        var row = new string[_columns];
        for (int i = 0; i < _columns; i++)
        {
            row[i] = i < cells.Length ? Clean(cells[i]) : string.Empty;
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>Writes the table, fitted to <paramref name="width"/> characters when given.</summary>
    public void Write(TextWriter output, int? width = null)
    {
        List<string[]> all = _headers is null ? _rows : [_headers, .. _rows];
        int[] widths = new int[_columns];
        foreach (string[] row in all)
        {
            for (int i = 0; i < _columns; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        if (width is int limit)
        {
            Fit(widths, limit);
        }

        int last = _columns - 1;
        int indent = widths[..last].Sum() + (Gap * last);
        foreach (string[] row in all)
        {
            var line = new StringBuilder();
            for (int i = 0; i < last; i++)
            {
                line.Append(Cut(row[i], widths[i]).PadRight(widths[i] + Gap));
            }

            IReadOnlyList<string> lastCell = _wrapLast ? TextWrap.Lines(row[last], widths[last]) : [Cut(row[last], widths[last])];
            for (int part = 0; part < lastCell.Count; part++)
            {
                string text = (part == 0 ? line.ToString() : new string(' ', indent)) + lastCell[part];
                // When even the floors are wider than the terminal, the line itself is cut, so a row never wraps
                // into the next.
                output.WriteLine(width is int max ? Cut(text.TrimEnd(), max) : text.TrimEnd());
            }
        }
    }

    /// <summary>
    /// Narrows <paramref name="widths"/> until the row fits <paramref name="limit"/>: the last column first, to
    /// <see cref="MinimumLastColumn"/>; then one character at a time from the widest column that is above its floor
    /// (<see cref="MinimumColumn"/>; a key, whole), so short columns keep their values whole and the long ones end up
    /// equally wide. A header is cut like a value: INSTALLED over "yes" gives way before the names.
    /// </summary>
    private void Fit(int[] widths, int limit)
    {
        int budget = limit - (Gap * (_columns - 1));
        int last = _columns - 1;
        int lastFloor = Math.Min(widths[last], MinimumLastColumn);
        widths[last] = Math.Max(lastFloor, widths[last] - Math.Max(0, widths.Sum() - budget));

        int[] floors = new int[_columns];
        for (int i = 0; i < _columns; i++)
        {
            // A key/value table's keys stay whole: its values wrap instead.
            floors[i] = _wrapLast && i < last ? widths[i] : Math.Min(widths[i], MinimumColumn);
        }

        int total = widths.Sum();
        while (total > budget)
        {
            int widest = -1;
            for (int i = 0; i < _columns; i++)
            {
                if (widths[i] > floors[i] && (widest < 0 || widths[i] > widths[widest]))
                {
                    widest = i;
                }
            }

            if (widest < 0)
            {
                return;
            }

            widths[widest]--;
            total--;
        }
    }

    private static string Cut(string text, int width) =>
        text.Length <= width ? text : string.Concat(text.AsSpan(0, Math.Max(0, width - 1)), "…");

    // A newline or tab inside a cell would break the alignment of every later row.
    private static string Clean(string? cell) =>
        cell is null ? string.Empty : cell.ReplaceLineEndings(" ").Replace('\t', ' ');
}
