using Omg.Daemon.Hosting;

namespace Omg.Daemon.Tests.Hosting;

/// <summary>
/// omgd's command line: what it takes, what it turns into configuration, and every misuse refused with a usage
/// error (exit 2) instead of being passed on to configuration, where an unknown key is silently ignored.
/// </summary>
public sealed class DaemonCommandLineTests
{
    [Theory]
    [InlineData(new[] { "--frob" }, "unknown option '--frob'")]
    [InlineData(new[] { "--socket", "/tmp/a.sock", "--frob", "x" }, "unknown option '--frob'")]
    [InlineData(new[] { "--Limits:Frob=3" }, "unknown option '--Limits:Frob'")]
    [InlineData(new[] { "--Nowhere:Key=1" }, "unknown option '--Nowhere:Key'")]
    [InlineData(new[] { "--Limits:MaxConnections=many" }, "--Limits:MaxConnections: 'many' is not a valid value")]
    [InlineData(new[] { "vim" }, "unexpected argument 'vim'")]
    [InlineData(new[] { "-x" }, "unknown option '-x'")]
    [InlineData(new[] { "--" }, "unknown option '--'")]
    [InlineData(new[] { "--detach=yes" }, "--detach takes no value")]
    [InlineData(new[] { "--socket" }, "--socket needs a value")]
    [InlineData(new[] { "--socket", "--root", "/" }, "--socket needs a value")]
    [InlineData(new[] { "--module-root" }, "--module-root needs a value")]
    [InlineData(new[] { "--log-file" }, "--log-file needs a value")]
    [InlineData(new[] { "--sharelib" }, "--sharelib needs a value")]
    [InlineData(new[] { "--log-format", "xml" }, "--log-format: 'xml' is not a log format (simple, systemd or json)")]
    [InlineData(new[] { "--Logging:Console:FormatterName=xml" }, "--Logging:Console:FormatterName: 'xml' is not a log format (simple, systemd or json)")]
    public void Misuse_is_a_usage_error_naming_the_argument(string[] args, string error) =>
        Assert.Equal(error, DaemonCommandLine.Parse(args).Error);

    [Fact]
    public void Short_options_and_settings_become_configuration_arguments()
    {
        DaemonCommandLine line = DaemonCommandLine.Parse(
            ["--socket", "/tmp/a.sock", "--root=/srv/chroot", "--data-dir", "/var/tmp/omg", "--sharelib", "/opt/si",
             "--module-root", "/opt/first", "--module-root=/opt/second", "--limits:maxconnections=7", "--Modules:Config:site", "lab",
             "--Logging:LogLevel:Default=Debug", "--detach", "--log-file", "/tmp/omgd.log"]);

        Assert.Null(line.Error);
        Assert.Equal(
            ["--Socket=/tmp/a.sock", "--Root=/srv/chroot", "--DataDir=/var/tmp/omg", "--Modules:Sharelib=/opt/si",
             "--Modules:CommandLineRoots:0=/opt/first", "--Modules:CommandLineRoots:1=/opt/second", "--limits:maxconnections=7",
             "--Modules:Config:site=lab", "--Logging:LogLevel:Default=Debug"],
            line.ConfigurationArgs);
        Assert.True(line.Detach);
        Assert.Equal("/tmp/omgd.log", line.LogFile);
        Assert.False(line.ShowHelp || line.ShowVersion);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_asked_for_without_error(string flag)
    {
        DaemonCommandLine line = DaemonCommandLine.Parse([flag]);
        Assert.Null(line.Error);
        Assert.True(line.ShowHelp);
    }

    [Fact]
    public void The_configuration_arguments_set_the_options_omgd_binds()
    {
        DaemonCommandLine line = DaemonCommandLine.Parse(["--socket", "/tmp/b.sock", "--module-root", "/opt/first", "--sharelib", "/opt/si", "--Modules:Roots:0=/opt/configured"]);
        var builder = DaemonHost.CreateBuilder(line.ConfigurationArgs, withBackends: false);
        Assert.Equal("/tmp/b.sock", builder.Configuration["Socket"]);
        Assert.Equal("/opt/first", builder.Configuration["Modules:CommandLineRoots:0"]);
        Assert.Equal("/opt/configured", builder.Configuration["Modules:Roots:0"]);
        Assert.Equal("/opt/si", builder.Configuration["Modules:Sharelib"]);
    }

    [Fact]
    public void The_usage_text_names_every_option_parse_takes()
    {
        foreach (string option in DaemonCommandLine.SwitchMappings.Keys.Append(DaemonCommandLine.ModuleRootOption).Concat(["--detach", "--log-file", "--version", "--help"]))
        {
            Assert.Matches($"\\n +{System.Text.RegularExpressions.Regex.Escape(option)}[ ,]", DaemonCommandLine.Usage);
        }
    }
}
