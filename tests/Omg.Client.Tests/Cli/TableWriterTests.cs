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
    public void The_last_column_gives_way_first_so_versions_stay_whole()
    {
        TableWriter table = new TableWriter("NAME", "INSTALLED", "CANDIDATE", "SIZE", "REPO")
            .AddRow("libnghttp2-14", "1.52.0-1+deb12u1", "1.52.0-1+deb12u2", "100.0 KiB", "bookworm-security/main")
            .AddRow("curl", "7.88.1-10+deb12u8", "7.88.1-10+deb12u12", "510.0 KiB", "bookworm-updates/main");

        string[] lines = Render(table, width: 80);

        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.Equal(["NAME", "INSTALLED", "CANDIDATE", "SIZE", "REPO"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["curl", "7.88.1-10+deb12u8", "7.88.1-10+deb12u12", "510.0", "KiB", "bookworm-updat…"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void When_the_last_column_is_not_enough_the_widest_columns_give_way_and_none_is_lost()
    {
        TableWriter table = new TableWriter("NAME", "VERSION", "S", "DESCRIPTION")
            .AddRow(new string('n', 30), new string('v', 12), "apt", new string('d', 60))
            .AddRow("vim", "2:9.0", "apt", "short");

        string[] lines = Render(table, width: 50);

        // 50 - 3 gaps = 44: DESCRIPTION first to 10, then NAME (30) down to 19, as VERSION (12) and S keep theirs.
        Assert.Equal(new string('n', 18) + "…  " + new string('v', 12) + "  apt  " + new string('d', 9) + "…", lines[1]);
        Assert.Equal("vim" + new string(' ', 18) + "2:9.0" + new string(' ', 9) + "apt  short", lines[2]);
        Assert.Equal(4, lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(200)]
    public void Every_row_fits_the_width_and_keeps_every_column(int width)
    {
        TableWriter table = new TableWriter("PACKAGE", "INSTALLED", "FIXED", "ID", "SEVERITY", "SCORE", "SUMMARY")
            .AddRow("openssl", "3.0.15-1~deb12u1", "3.0.17-1~deb12u2", "CVE-2024-0001", "critical", "9.8", new string('s', 120))
            .AddRow("zlib", "1:1.2.13.dfsg-1", "-", "DSA-5000-1", "low", "-", "old");

        string[] lines = Render(table, width);

        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        if (width >= 7 * 4 + 6 * 2)
        {
            // Above the floors every column shows at least the start of its value.
            Assert.All(lines.Skip(1), l => Assert.Equal(7, l.Split("  ", StringSplitOptions.RemoveEmptyEntries).Length));
        }
    }

    [Fact]
    public void Key_value_tables_wrap_values_instead_of_cutting_them()
    {
        string depends = "vim-common, vim-runtime, libc6, libgpm2, libtinfo6, libselinux1, libacl1";

        string[] lines = Render(TableWriter.KeyValue().AddRow("Name:", "vim").AddRow("Depends:", depends), width: 41);

        Assert.Equal("Name:     vim", lines[0]);
        Assert.Equal(["Depends:  vim-common, vim-runtime, libc6,", "          libgpm2, libtinfo6,", "          libselinux1, libacl1"], lines[1..]);
        Assert.All(lines, l => Assert.True(l.Length <= 41, l));
    }

    [Fact]
    public void Newlines_in_cells_do_not_break_rows()
    {
        string[] lines = Render(TableWriter.KeyValue().AddRow("Key:", "two\nlines\tand tab"));

        Assert.Equal(["Key:  two lines and tab"], lines);
    }
}
