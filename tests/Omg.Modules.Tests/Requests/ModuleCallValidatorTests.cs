using System.Text.Json.Nodes;
using Omg.Modules.Catalog;
using Omg.Modules.Requests;

namespace Omg.Modules.Tests.Requests;

/// <summary>A call checked against the module's doc before anything is spawned.</summary>
public sealed class ModuleCallValidatorTests
{
    private static readonly ModuleDoc Doc = new(
        "proc", "1", string.Empty, string.Empty,
        [
            new ModuleDocArgument("mask", "string", true, string.Empty, null),
            new ModuleDocArgument("count", "int", false, string.Empty, null),
            new ModuleDocArgument("all", "bool", false, string.Empty, null),
            new ModuleDocArgument("ratio", "number", false, string.Empty, null),
            new ModuleDocArgument("names", "list", false, string.Empty, null),
            new ModuleDocArgument("level", "string", true, string.Empty, "info"),
            new ModuleDocArgument("anything", string.Empty, false, string.Empty, null),
        ],
        [new ModuleDocOption("verbose", string.Empty)],
        [],
        string.Empty)
    { DeclaresArguments = true, DeclaresOptions = true };

    [Theory]
    [InlineData("""{"mask": "*"}""", """[]""")]
    [InlineData("""{"mask": "*", "count": 3, "all": true, "ratio": 0.5, "names": "a,b", "anything": {"x": [1]}}""", """["verbose"]""")]
    [InlineData("""{"mask": "*", "names": ["a", "b"], "count": 3.0}""", """["rt.logs", "rt.list"]""")]
    [InlineData("""{"mask": "*", "rt.logs": true}""", """[]""")]
    public void Calls_that_fit_the_doc_pass(string arguments, string options) =>
        Assert.Null(ModuleCallValidator.Validate("sys.proc", Doc, Contract(arguments, options)));

    [Theory]
    [InlineData("""{}""", """[]""", "needs the argument 'mask' (string)")]
    [InlineData("""{"mask": null}""", """[]""", "needs the argument 'mask'")]
    [InlineData("""{"mask": "*", "colour": "red"}""", """[]""", "has no argument 'colour' (it takes: mask, count, all, ratio, names, level, anything)")]
    [InlineData("""{"mask": "*", "count": "three"}""", """[]""", "argument 'count' must be an int, got the string \"three\"")]
    [InlineData("""{"mask": "*", "count": 2.5}""", """[]""", "argument 'count' must be an int")]
    [InlineData("""{"mask": "*", "all": "yes"}""", """[]""", "argument 'all' must be a bool")]
    [InlineData("""{"mask": "*", "ratio": "half"}""", """[]""", "argument 'ratio' must be a number")]
    [InlineData("""{"mask": "*", "names": 5}""", """[]""", "argument 'names' must be a list")]
    [InlineData("""{"mask": ["*"]}""", """[]""", "argument 'mask' must be a string, got the list")]
    [InlineData("""{"mask": "*"}""", """["loud"]""", "has no option 'loud' (it takes: verbose)")]
    [InlineData("""{"mask": "*"}""", """[7]""", "options must be names")]
    public void Calls_that_do_not_fit_say_what_is_wrong(string arguments, string options, string says)
    {
        string? error = ModuleCallValidator.Validate("sys.proc", Doc, Contract(arguments, options));
        Assert.NotNull(error);
        Assert.Contains("sys.proc", error, StringComparison.Ordinal);
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_for_a_string_argument_goes_to_the_module_as_text()
    {
        JsonObject contract = Contract("""{"mask": 1.2}""", "[]");
        Assert.Null(ModuleCallValidator.Validate("sys.proc", Doc, contract));
        Assert.Equal("1.2", contract["arguments"]!["mask"]!.GetValue<string>());
    }

    [Fact]
    public void A_doc_without_sections_checks_nothing()
    {
        var silent = Doc with { };
        silent = silent with { DeclaresArguments = false, DeclaresOptions = false };
        Assert.Null(ModuleCallValidator.Validate("sys.proc", silent, Contract("""{"colour": 1}""", """["loud"]""")));
    }

    [Fact]
    public void A_doc_that_declares_no_arguments_refuses_any()
    {
        var none = new ModuleDoc("x", "1", string.Empty, string.Empty, [], [], [], string.Empty) { DeclaresArguments = true };
        Assert.Contains("(it takes none)", ModuleCallValidator.Validate("x", none, Contract("""{"a": 1}""", "[]")), StringComparison.Ordinal);
    }

    private static JsonObject Contract(string arguments, string options) => new()
    {
        ["arguments"] = JsonNode.Parse(arguments),
        ["options"] = JsonNode.Parse(options),
    };
}
