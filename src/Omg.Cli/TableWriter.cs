namespace Omg.Cli;

/// <summary>
/// Aligned text columns. When a width is given (a terminal), the last column, which holds the longest
/// free text (descriptions, paths), is cut to fit and marked with an ellipsis; on a terminal too narrow
/// even for the other columns, whole lines are cut.
/// </summary>
public sealed class TableWriter
{
    private const int Gap = 2;
    private const int MinimumLastColumn = 10;
    private readonly string[]? _headers;
    private readonly int _columns;
    private readonly List<string[]> _rows = [];

    /// <summary>A table with a header row.</summary>
    public TableWriter(params string[] headers)
    {
        _headers = headers;
        _columns = headers.Length;
    }

    private TableWriter(int columns) => _columns = columns;

    /// <summary>Rows so far.</summary>
    public int RowCount => _rows.Count;

    /// <summary>A table without header: aligned key/value lines.</summary>
    public static TableWriter KeyValue() => new(2);

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
        IEnumerable<string[]> all = _headers is null ? _rows : _rows.Prepend(_headers);
        int[] widths = new int[_columns];
        foreach (string[] row in all)
        {
            for (int i = 0; i < _columns; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        int last = _columns - 1;
        if (width is int limit)
        {
            int before = widths[..last].Sum() + (Gap * last);
            widths[last] = Math.Min(widths[last], Math.Max(MinimumLastColumn, limit - before));
        }

        foreach (string[] row in all)
        {
            var line = new System.Text.StringBuilder();
            for (int i = 0; i < last; i++)
            {
                line.Append(row[i].PadRight(widths[i] + Gap));
            }

            line.Append(Fit(row[last], widths[last]));
            string text = line.ToString().TrimEnd();
            // When even the other columns are wider than the terminal, the line itself is cut, so a
            // row never wraps into the next.
            output.WriteLine(width is int max ? Fit(text, max) : text);
        }
    }

    private static string Fit(string text, int width) =>
        text.Length <= width ? text : string.Concat(text.AsSpan(0, Math.Max(0, width - 1)), "…");

    // A newline or tab inside a cell would break the alignment of every later row.
    private static string Clean(string? cell) =>
        cell is null ? string.Empty : cell.ReplaceLineEndings(" ").Replace('\t', ' ');
}
