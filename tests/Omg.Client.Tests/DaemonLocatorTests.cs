namespace Omg.Client.Tests;

public sealed class DaemonLocatorTests
{
    [Fact]
    public void OMG_DAEMON_names_an_executable()
    {
        var env = new Dictionary<string, string> { ["OMG_DAEMON"] = "/opt/omg/omgd" };

        DaemonCommand? command = DaemonLocator.Locate(null, name => env.GetValueOrDefault(name));

        Assert.Equal(new DaemonCommand("/opt/omg/omgd", []).ToString(), command?.ToString());
    }

    [Fact]
    public void A_dll_is_run_with_the_dotnet_host()
    {
        string root = Directory.CreateTempSubdirectory("omgct-dotnet").FullName;
        string dotnet = Path.Combine(root, "dotnet");
        File.WriteAllText(dotnet, string.Empty);
        var env = new Dictionary<string, string> { ["OMG_DAEMON"] = "/opt/omg/omgd.dll", ["DOTNET_ROOT"] = root };

        DaemonCommand? command = DaemonLocator.Locate(null, name => env.GetValueOrDefault(name));

        Assert.NotNull(command);
        Assert.Equal(dotnet, command.FileName);
        Assert.Equal(["/opt/omg/omgd.dll"], command.LeadingArguments);
    }

    [Fact]
    public void An_explicit_path_wins_over_the_environment()
    {
        var env = new Dictionary<string, string> { ["OMG_DAEMON"] = "/opt/omg/omgd" };

        Assert.Equal("/srv/omgd", DaemonLocator.Locate("/srv/omgd", name => env.GetValueOrDefault(name))?.FileName);
    }

    [Fact]
    public void Without_hints_omgd_is_looked_up_on_PATH()
    {
        string dir = Directory.CreateTempSubdirectory("omgct-path").FullName;
        File.WriteAllText(Path.Combine(dir, "omgd"), string.Empty);
        var env = new Dictionary<string, string> { ["PATH"] = "/nonexistent:" + dir };

        string empty = Directory.CreateTempSubdirectory("omgct-beside").FullName;
        Assert.Equal(Path.Combine(dir, "omgd"), DaemonLocator.Locate(null, name => env.GetValueOrDefault(name), empty)?.FileName);
    }

    [Fact]
    public void The_omgd_built_beside_the_client_wins_over_PATH()
    {
        // The build copies omgd next to omg and the PowerShell module; this test assembly's folder has it too.
        string beside = Path.GetDirectoryName(typeof(DaemonLocator).Assembly.Location)!;
        Assert.True(File.Exists(Path.Combine(beside, "omgd.dll")), "the build should put omgd beside the client");
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin" };
        DaemonCommand? command = DaemonLocator.Locate(null, name => env.GetValueOrDefault(name));
        Assert.NotNull(command);
        Assert.Contains(Path.Combine(beside, "omgd"), command.ToString(), StringComparison.Ordinal);
    }
}
