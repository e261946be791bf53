using Omg.Daemon.Dispatch;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Tests.Dispatch;

/// <summary>A module name is dotted words that map onto a path under a module root: nothing that could leave it.</summary>
public sealed class ModuleNameValidationTests
{
    [Theory]
    [InlineData("sys")]
    [InlineData("sys.proc")]
    [InlineData("net.if_addr-2.v6")]
    [InlineData("A.B9")]
    public void Dotted_words_of_letters_digits_underscores_and_hyphens_pass(string name)
    {
        Assert.Null(RequestValidator.Validate(Module(name)));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("sys..proc")]
    [InlineData(".sys")]
    [InlineData("sys.")]
    [InlineData("sys/proc")]
    [InlineData("../etc/passwd")]
    [InlineData("/bin/sh")]
    [InlineData("sys proc")]
    [InlineData("sys.proc;rm")]
    [InlineData("sys.pröc")]
    [InlineData("sys.proc\n")]
    [InlineData("sys.*")]
    public void Anything_else_is_refused_naming_the_name(string name)
    {
        string? error = RequestValidator.Validate(Module(name));
        Assert.Equal($"name: '{name}' is not a valid module name (dotted words of letters, digits, '_' and '-')", error);
    }

    [Fact]
    public void The_name_is_1_to_256_characters()
    {
        Assert.Equal("name: must be 1 to 256 characters", RequestValidator.Validate(Module(string.Empty)));
        Assert.Equal("name: must be 1 to 256 characters", RequestValidator.Validate(Module(new string('a', 257))));
        Assert.Null(RequestValidator.Validate(Module(new string('a', 256))));
    }

    [Fact]
    public void The_request_is_a_map_or_nothing()
    {
        Assert.Null(RequestValidator.Validate(new ModuleRequest(1, "sys.proc", MessagePackValue.Nil)));
        Assert.Equal("request: must be a map (the module contract's JSON object)", RequestValidator.Validate(new ModuleRequest(1, "sys.proc", MessagePackJson.Parse("[1]"))));
        Assert.Equal("request: must be a map (the module contract's JSON object)", RequestValidator.Validate(new ModuleRequest(1, "sys.proc", MessagePackValue.From("x"))));
    }

    private static ModuleRequest Module(string name) => new(1, name, MessagePackJson.Parse("{}"));
}
