using Omg.Packages.Runtimes;

namespace Omg.Packages.Tests.Runtimes;

/// <summary>Changes process-wide environment variables, so nothing else runs beside it.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>
/// On the live system pyenv and rbenv are where the user's environment says (<c>PYENV_ROOT</c>) and run what
/// it forces (<c>PYENV_VERSION</c>); under another root (a fixture, a container image) the daemon's own
/// environment says nothing about that system and is ignored.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class VersionManagerEnvironmentTests
{
    [Fact]
    public void The_live_system_honours_the_managers_variables_and_other_roots_do_not()
    {
        var saved = new[] { "PYENV_ROOT", "PYENV_VERSION", "RBENV_ROOT" }.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("PYENV_ROOT", "/opt/pyenv/");
            Environment.SetEnvironmentVariable("PYENV_VERSION", "3.12.1");
            Environment.SetEnvironmentVariable("RBENV_ROOT", " ");

            var live = new RuntimeDetectorOptions { Root = "/", Home = "/home/u" };
            Assert.Equal(new VersionManager("pyenv", "/opt/pyenv", "3.12.1"), live.Pyenv);
            Assert.Equal(new VersionManager("rbenv", "/home/u/.rbenv", null), live.Rbenv); // blank means unset

            var fixture = new RuntimeDetectorOptions { Root = "/srv/image", Home = "/home/u" };
            Assert.Equal(new VersionManager("pyenv", "/home/u/.pyenv", null), fixture.Pyenv);

            // Explicit options win over the environment.
            var explicitOptions = new RuntimeDetectorOptions { Root = "/", Home = "/home/u", PyenvRoot = "/srv/pyenv", PyenvVersion = "system" };
            Assert.Equal(new VersionManager("pyenv", "/srv/pyenv", "system"), explicitOptions.Pyenv);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
