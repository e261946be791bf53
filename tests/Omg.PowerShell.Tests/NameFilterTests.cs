using Omg.PowerShell.Tests.Support;

namespace Omg.PowerShell.Tests;

public sealed class NameFilterTests
{
    private static readonly Runtime[] All =
    [
        new() { Name = "python", Version = "3.11.2" },
        new() { Name = "perl", Version = "5.36.0" },
        new() { Name = "node", Version = "18.19.0" },
    ];

    [Fact]
    public void No_names_selects_everything() =>
        Assert.Equal(All, NameFilter.Select(All, r => r.Name, [], TestWildcard.Matcher, out var unmatched).ToArray());

    [Fact]
    public void Wildcards_filter_and_stay_silent_when_they_match_nothing()
    {
        var chosen = NameFilter.Select(All, r => r.Name, ["p*", "ruby*"], TestWildcard.Matcher, out var unmatched);
        Assert.Equal(["python", "perl"], chosen.Select(r => r.Name));
        Assert.Empty(unmatched);
    }

    [Fact]
    public void Literal_names_that_match_nothing_are_reported()
    {
        var chosen = NameFilter.Select(All, r => r.Name, ["node", "ruby"], TestWildcard.Matcher, out var unmatched);
        Assert.Equal(["node"], chosen.Select(r => r.Name));
        Assert.Equal(["ruby"], unmatched);
    }
}
