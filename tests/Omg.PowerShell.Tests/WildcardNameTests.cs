namespace Omg.PowerShell.Tests;

public sealed class WildcardNameTests
{
    [Theory]
    [InlineData("vim", false)]
    [InlineData("vim*", true)]
    [InlineData("v?m", true)]
    [InlineData("lib[sx]sl3", true)]
    [InlineData("a`*b", false)]
    [InlineData("libstdc++6", false)]
    public void Wildcards_are_unescaped_star_question_and_bracket(string name, bool expected) =>
        Assert.Equal(expected, WildcardName.ContainsWildcard(name));

    [Theory]
    [InlineData("vim*", "vim")]
    [InlineData("*ssl3", "ssl3")]
    [InlineData("lib*ssl*", "lib")]
    [InlineData("*ss?l*", "ss")]
    [InlineData("li[bx]ssl3", "ssl3")]
    [InlineData("a`*bc*", "a*bc")]
    [InlineData("*", "")]
    [InlineData("?*", "")]
    public void The_search_text_is_the_longest_literal_run(string pattern, string expected) =>
        Assert.Equal(expected, WildcardName.LongestLiteral(pattern));
}
