using Omg.Cli;

namespace Omg.Client.Tests.Cli;

public sealed class CliConsoleTests
{
    [Theory]
    [InlineData("132", 100, 132)]
    [InlineData("132", null, 132)]
    [InlineData(null, 100, 100)]
    [InlineData("", 100, 100)]
    [InlineData("0", 100, 100)]
    [InlineData("-5", null, 80)]
    [InlineData("wide", null, 80)]
    [InlineData(null, null, 80)]
    [InlineData(null, 0, 80)]
    public void The_width_is_COLUMNS_else_the_terminal_else_80(string? columns, int? terminal, int expected)
    {
        Assert.Equal(expected, CliConsole.ResolveWidth(columns, terminal));
    }
}
