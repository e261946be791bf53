namespace Omg.Cli;

/// <summary>Word wrapping for values that must be shown whole (a key/value table's values, a description).</summary>
internal static class TextWrap
{
    /// <summary>
    /// <paramref name="text"/> as lines of at most <paramref name="width"/> characters, broken at spaces; a word longer
    /// than a line is broken where the line ends.
    /// </summary>
    public static IReadOnlyList<string> Lines(string text, int width)
    {
        if (text.Length <= width || width < 1)
        {
            return [text];
        }

        var lines = new List<string>();
        int start = 0;
        while (text.Length - start > width)
        {
            int space = text.LastIndexOf(' ', start + width, width + 1);
            int end = space > start ? space : start + width;
            lines.Add(text[start..end].TrimEnd());
            start = end;
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}
