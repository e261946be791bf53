using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Omg.Daemon.Hosting;

namespace Omg.Daemon.Tests.Hosting;

/// <summary>
/// omgd must start on a machine whose user has used up inotify instances (128 by default): the host's
/// default JSON configuration watches its files for changes, and that watch made startup throw.
/// </summary>
public sealed class DaemonHostConfigurationTests
{
    [Fact]
    public void Configuration_files_are_read_without_watching_them()
    {
        var builder = DaemonHost.CreateBuilder(["--socket", "/tmp/omg-config-test.sock"], withBackends: false);
        var json = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<JsonConfigurationSource>().ToList();

        Assert.NotEmpty(json); // appsettings.json is still a source
        Assert.All(json, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched"));
    }

    [Fact]
    public void Command_line_and_environment_still_override_the_file()
    {
        var builder = DaemonHost.CreateBuilder(["--socket", "/tmp/omg-config-test.sock", "--Limits:MaxConnections=7"], withBackends: false);
        Assert.Equal("/tmp/omg-config-test.sock", builder.Configuration["Socket"]);
        Assert.Equal("7", builder.Configuration["Limits:MaxConnections"]);
    }
}
