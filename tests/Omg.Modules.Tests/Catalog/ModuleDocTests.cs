using System.Text.Json.Nodes;
using Omg.Modules.Catalog;
using Omg.Tests.Shared;

namespace Omg.Modules.Tests.Catalog;

/// <summary>mod_doc.yaml beside a module, and the same schema from a py3 module's doc (JSON).</summary>
public sealed class ModuleDocTests : IDisposable
{
    private readonly TestPaths _paths = new();

    public void Dispose() => _paths.Dispose();

    [Fact]
    public void A_full_doc_is_read_with_every_section()
    {
        string module = Write("""
            name: proc
            version: "0.1.10"
            author: Jane Doe <jane@example.org>
            description: |
              Process information
            arguments:
              - name: "mask"
                type: "string"
                required: true
                description: "Globbing mask"
              - name: count
                type: int
                default: 10
            options:
              - name: "verbose"
                description: "Provide verbose output"
              - quiet
            examples:
              - description: "All processes"
                code: '{"arguments": {"mask": "*"}}'
              - just code
            returns:
              pids: list of process ids
            """);

        ModuleDoc doc = Assert.IsType<ModuleDoc>(ModuleDoc.Load(module, out string? problem));
        Assert.Null(problem);
        Assert.Equal(("proc", "0.1.10", "Jane Doe <jane@example.org>", "Process information"), (doc.Name, doc.Version, doc.Author, doc.Description));
        Assert.Equal(
            [new ModuleDocArgument("mask", "string", true, "Globbing mask", null), new ModuleDocArgument("count", "int", false, string.Empty, "10")],
            doc.Arguments);
        Assert.Equal([new ModuleDocOption("verbose", "Provide verbose output"), new ModuleDocOption("quiet", string.Empty)], doc.Options);
        Assert.Equal(["All processes\n{\"arguments\": {\"mask\": \"*\"}}", "just code"], doc.Examples);
        Assert.Contains("list of process ids", doc.Returns, StringComparison.Ordinal);
        Assert.True(doc.DeclaresArguments);
        Assert.True(doc.DeclaresOptions);
    }

    [Fact]
    public void A_doc_without_sections_declares_nothing_to_check()
    {
        ModuleDoc doc = Assert.IsType<ModuleDoc>(ModuleDoc.Load(Write("name: x\nversion: '1'\n"), out _));
        Assert.False(doc.DeclaresArguments);
        Assert.False(doc.DeclaresOptions);
        Assert.Empty(doc.Arguments);

        ModuleDoc none = Assert.IsType<ModuleDoc>(ModuleDoc.Load(Write("name: x\narguments: []\noptions: []\n"), out _));
        Assert.True(none.DeclaresArguments);
        Assert.True(none.DeclaresOptions);
    }

    [Theory]
    [InlineData("name: [unclosed\n", "")]
    [InlineData("- just\n- a list\n", "not a mapping")]
    [InlineData("arguments: mask\n", "arguments: must be a list")]
    [InlineData("arguments:\n  - type: string\n", "needs a name")]
    [InlineData("options: {verbose: yes}\n", "options: must be a list")]
    public void A_bad_doc_is_no_doc_with_the_reason(string yaml, string says)
    {
        string module = Write(yaml);
        Assert.Null(ModuleDoc.Load(module, out string? problem));
        Assert.NotNull(problem);
        Assert.Contains(module + ModuleDoc.Suffix, problem, StringComparison.Ordinal);
        Assert.Contains(says, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void No_doc_file_is_no_doc_and_no_problem()
    {
        Assert.Null(ModuleDoc.Load(Path.Combine(_paths.Directory, "absent"), out string? problem));
        Assert.Null(problem);
    }

    [Fact]
    public void A_py3_doc_in_json_is_read_by_the_same_rules()
    {
        var json = JsonNode.Parse("""
            {"name": "reader", "version": "0.2", "arguments": [{"name": "path", "type": "string", "required": true}], "options": ["tail"], "examples": [{"code": "x"}]}
            """)!.AsObject();
        ModuleDoc doc = Assert.IsType<ModuleDoc>(ModuleDoc.FromJson(json, out _));
        Assert.Equal(new ModuleDocArgument("path", "string", true, string.Empty, null), Assert.Single(doc.Arguments));
        Assert.Equal("tail", Assert.Single(doc.Options).Name);
        Assert.Equal("x", Assert.Single(doc.Examples));
    }

    private string Write(string yaml)
    {
        string module = Path.Combine(_paths.Directory, "m" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(module + ModuleDoc.Suffix, yaml);
        return module;
    }
}
