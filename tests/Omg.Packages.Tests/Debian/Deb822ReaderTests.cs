using System.Text;
using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

public sealed class Deb822ReaderTests
{
    private static List<List<(string Name, string Value)>> Read(string text, List<string>? errors = null)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var reader = new Deb822Reader(data);
        var paragraphs = new List<List<(string, string)>>();
        while (reader.NextParagraph())
        {
            var fields = new List<(string, string)>();
            while (reader.NextField(out var name, out var value, out _))
            {
                fields.Add((Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(value)));
            }

            if (reader.Error is { } error)
            {
                errors?.Add($"{reader.ParagraphLine}: {error}");
                continue;
            }

            paragraphs.Add(fields);
        }

        return paragraphs;
    }

    [Fact]
    public void ContinuationLinesBelongToTheirField()
    {
        var paragraphs = Read("Package: a\nDepends: x,\n y (>= 1),\n\tz\nDescription: short\n long line\n .\n more\nVersion: 1\n");
        var fields = Assert.Single(paragraphs);
        Assert.Equal(("Depends", "x,\n y (>= 1),\n\tz"), fields[1]);
        Assert.Equal(("Description", "short\n long line\n .\n more"), fields[2]);
        Assert.Equal(("Version", "1"), fields[3]);
    }

    [Fact]
    public void FirstParagraphAndLastWithoutNewlineAreRead()
    {
        var paragraphs = Read("Package: first\n\nPackage: last");
        Assert.Equal(["first", "last"], paragraphs.Select(p => p[0].Value));
    }

    [Fact]
    public void CrlfAndWhitespaceOnlySeparatorsAreTolerated()
    {
        var paragraphs = Read("Package: a\r\nVersion: 1\r\n\r\n \t\r\n\n\nPackage: b\r\nDescription: x\r\n y\r\n");
        Assert.Equal(2, paragraphs.Count);
        Assert.Equal(("Version", "1"), paragraphs[0][1]);
        Assert.Equal(("Description", "x\r\n y"), paragraphs[1][1]);
        Assert.Equal("y", Deb822Text.ExtendedText(Encoding.UTF8.GetBytes(paragraphs[1][1].Value)));
    }

    [Fact]
    public void MalformedParagraphIsSkippedAndReported()
    {
        var errors = new List<string>();
        var paragraphs = Read("Package: good1\n\nPackage: bad\nthis line has no colon\nVersion: 1\n\n continuation first\n\nPackage: good2\n", errors);
        Assert.Equal(["good1", "good2"], paragraphs.Select(p => p[0].Value));
        Assert.Equal(2, errors.Count);
        Assert.Contains("line 4", errors[0]);
        Assert.Contains("continuation", errors[1]);
    }

    [Fact]
    public void HashLinesAreNotComments()
    {
        // Packages and status files have no comment syntax: a '#' line is data, here malformed.
        var errors = new List<string>();
        var paragraphs = Read("# comment\nPackage: a\n", errors);
        Assert.Empty(paragraphs);
        Assert.Single(errors);
    }

    [Fact]
    public void FieldNamesAreCaseInsensitive()
    {
        Assert.Equal(ControlField.PreDepends, ControlFieldNames.Find("pre-depends"u8));
        Assert.Equal(ControlField.InstalledSize, ControlFieldNames.Find("INSTALLED-SIZE"u8));
        Assert.Equal(ControlField.Count, ControlFieldNames.Find("Maintainer"u8));

        // Only letters fold: a byte that differs from '-' by the case bit is another name.
        Assert.Equal(ControlField.Count, ControlFieldNames.Find("Pre\rDepends"u8));
        Assert.Equal(ControlField.Count, ControlFieldNames.Find("Multi_Arch"u8));
        Assert.Equal(ControlField.Count, ControlFieldNames.Find("Description-MD5 "u8));
    }

    [Fact]
    public void EveryFieldHasOneNameThatFindsIt()
    {
        var named = new List<ControlField>();
        foreach (var (name, field) in ControlFieldNames.All)
        {
            named.Add(field);
            Assert.Equal(field, ControlFieldNames.Find(Encoding.ASCII.GetBytes(name)));
            Assert.Equal(field, ControlFieldNames.Find(Encoding.ASCII.GetBytes(name.ToUpperInvariant())));
            Assert.Equal(field, ControlFieldNames.Find(Encoding.ASCII.GetBytes(name.ToLowerInvariant())));
        }

        Assert.Equal(Enum.GetValues<ControlField>().Where(f => f != ControlField.Count).Order(), named.Order());
        Assert.Equal("Pre-Depends", ControlFieldNames.All[(int)ControlField.PreDepends].Name);
    }

    [Fact]
    public void ExtendedDescriptionFollowsPolicy()
    {
        var text = Deb822Text.ExtendedText("synopsis\n first\n .\n  indented\n last"u8);
        Assert.Equal("first\n\n indented\nlast", text);
        Assert.Null(Deb822Text.ExtendedText("synopsis only"u8));
        Assert.Equal("synopsis", Encoding.UTF8.GetString(Deb822Text.FirstLine("synopsis \n more"u8)));
    }

    [Fact]
    public void RelationsParseAlternativesArchesAndVersions()
    {
        var pool = new NamePool();
        var groups = RelationParser.ParseGroups("libc6 (>= 2.34), default-mta | mail-transport-agent,\n python3:any (<< 3.12~) [amd64] <!nocheck>, foo (< 1), bar (>2)"u8, pool);
        Assert.Equal(5, groups.Count);
        Assert.Equal(new Relation("libc6", null, RelationOperator.GreaterOrEqual, "2.34"), groups[0][0]);
        Assert.Equal(["default-mta", "mail-transport-agent"], groups[1].Select(r => r.Name));
        Assert.Equal(new Relation("python3", "any", RelationOperator.Less, "3.12~"), groups[2][0]);
        Assert.Equal(RelationOperator.LessOrEqual, groups[3][0].Operator);
        Assert.Equal(RelationOperator.GreaterOrEqual, groups[4][0].Operator);
        Assert.True(groups[0][0].IsSatisfiedBy("2.36-9"));
        Assert.False(groups[0][0].IsSatisfiedBy("2.33"));
        Assert.False(groups[0][0].IsSatisfiedBy(null));

        var names = new List<string>();
        RelationParser.AddFirstNames("a (>= 1) | b, c:any, a"u8, pool, names);
        Assert.Equal(["a", "c"], names);
    }
}
