using Omg.Cli;

namespace Omg.Client.Tests.Cli;

public sealed class TableWriterTests
{
    private static string[] Render(TableWriter table, int? width = null)
    {
        var output = new StringWriter();
        table.Write(output, width);
        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Columns_are_aligned_and_lines_have_no_trailing_spaces()
    {
        string[] lines = Render(new TableWriter("A", "LONGER", "C").AddRow("xxxx", "y", "z").AddRow("1", "2", string.Empty));

        Assert.Equal(["A     LONGER  C", "xxxx  y       z", "1     2"], lines);
    }

    [Fact]
    public void The_last_column_is_cut_to_the_width_with_an_ellipsis()
    {
        string[] lines = Render(new TableWriter("NAME", "DESCRIPTION").AddRow("vim", new string('d', 100)), width: 30);

        Assert.Equal("vim   " + new string('d', 23) + "…", lines[1]);
        Assert.All(lines, l => Assert.True(l.Length <= 30));
    }

    [Fact]
    public void Newlines_in_cells_do_not_break_rows()
    {
        string[] lines = Render(TableWriter.KeyValue().AddRow("Key:", "two\nlines\tand tab"));

        Assert.Equal(["Key:  two lines and tab"], lines);
    }
}
