using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Omg.Packages.Runtimes;

namespace Omg.Packages.Tests.Runtimes;

public sealed class RuntimeDetectorTests : IDisposable
{
    private const string Home = "/home/u";
    private readonly FixtureTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private IReadOnlyList<RuntimeInfo> Detect(RuntimeDetectorOptions? options = null) => new RuntimeDetector(options ?? new RuntimeDetectorOptions
    {
        Root = _tree.Root,
        Home = Home,
        SearchPath = [Home + "/.cargo/bin", Home + "/.pyenv/shims", Home + "/.rbenv/shims", "/usr/local/bin", "/usr/bin", "/bin"],
    }).Detect(CancellationToken.None);

    private IReadOnlyList<string> Describe(string name, RuntimeDetectorOptions? options = null) => Detect(options).Where(r => r.Name == name)
        .Select(r => $"{r.Version} {r.Path} {r.Manager}{(r.IsDefault ? " default" : "")}").ToArray();

    [Fact]
    public void PyenvVersionForcedByTheEnvironmentWinsOverTheGlobalFile()
    {
        _tree.File("/usr/bin/python3.11").Link("/usr/bin/python3", "python3.11")
            .File(Home + "/.pyenv/versions/3.12.1/bin/python3")
            .File(Home + "/.pyenv/versions/3.9.0/bin/python3")
            .File(Home + "/.pyenv/shims/python3")
            .File(Home + "/.pyenv/version", "3.9.0\n");
        RuntimeDetectorOptions Forced(string version) => new()
        {
            Root = _tree.Root,
            Home = Home,
            PyenvVersion = version,
            SearchPath = [Home + "/.pyenv/shims", "/usr/bin"],
        };

        Assert.Equal(
            ["3.11 /usr/bin/python3.11 system", $"3.9.0 {Home}/.pyenv/versions/3.9.0 pyenv", $"3.12.1 {Home}/.pyenv/versions/3.12.1 pyenv default"],
            Describe("python", Forced("3.12.1")));

        // PYENV_VERSION may list several versions separated by colons; the first decides, and "system" hands over.
        Assert.Contains($"3.12.1 {Home}/.pyenv/versions/3.12.1 pyenv default", Describe("python", Forced("3.12.1:3.9.0")));
        Assert.Contains("3.11 /usr/bin/python3.11 system default", Describe("python", Forced("system")));
    }

    [Fact]
    public void PyenvAndRbenvInstalledOutsideTheHomeAreFoundThroughTheirRoots()
    {
        _tree.File("/usr/bin/python3.11").Link("/usr/bin/python3", "python3.11")
            .File("/opt/pyenv/versions/3.12.1/bin/python3")
            .File("/opt/pyenv/shims/python3")
            .File("/opt/pyenv/version", "3.12.1\n")
            .File("/opt/rbenv/versions/3.3.0/bin/ruby")
            .File("/opt/rbenv/shims/ruby")
            .File("/opt/rbenv/version", "3.3.0\n");
        var options = new RuntimeDetectorOptions
        {
            Root = _tree.Root,
            Home = Home,
            PyenvRoot = "/opt/pyenv",
            RbenvRoot = "/opt/rbenv/",
            SearchPath = ["/opt/pyenv/shims", "/opt/rbenv/shims", "/usr/bin"],
        };

        Assert.Equal(["3.11 /usr/bin/python3.11 system", "3.12.1 /opt/pyenv/versions/3.12.1 pyenv default"], Describe("python", options));
        Assert.Equal(["3.3.0 /opt/rbenv/versions/3.3.0 rbenv default"], Describe("ruby", options));
    }

    [Fact]
    public void PythonFromHeadersAndPyenvWithTheShimFollowedToTheGlobalVersion()
    {
        _tree.File("/usr/bin/python3.11").Link("/usr/bin/python3", "python3.11")
            .File("/usr/include/python3.11/patchlevel.h", "#define PY_VERSION              \"3.11.2\"\n")
            .File("/usr/bin/python3.12")
            .File(Home + "/.pyenv/versions/3.12.1/bin/python3")
            .File(Home + "/.pyenv/versions/3.12.1/include/python3.12/patchlevel.h", "#define PY_VERSION \"3.12.1+\"\n")
            .File(Home + "/.pyenv/versions/3.9.0/bin/python")
            .File(Home + "/.pyenv/shims/python3", "#!/bin/sh\n")
            .File(Home + "/.pyenv/version", "3.9.0\n");

        Assert.Equal(
        [
            "3.11.2 /usr/bin/python3.11 system",
            "3.12 /usr/bin/python3.12 system",
            $"3.9.0 {Home}/.pyenv/versions/3.9.0 pyenv default",
            $"3.12.1+ {Home}/.pyenv/versions/3.12.1 pyenv",
        ], Describe("python"));
    }

    [Fact]
    public void PyenvSystemHandsOverToTheRestOfThePath()
    {
        _tree.File("/usr/bin/python3.11").Link("/usr/bin/python3", "python3.11")
            .File(Home + "/.pyenv/versions/3.12.1/bin/python3")
            .File(Home + "/.pyenv/shims/python3")
            .File(Home + "/.pyenv/version", "system\n");

        Assert.Equal(["3.11 /usr/bin/python3.11 system default", $"3.12.1 {Home}/.pyenv/versions/3.12.1 pyenv"], Describe("python"));
    }

    [Fact]
    public void NodeFromTheVersionHeaderAndNvm()
    {
        _tree.File("/usr/bin/node")
            .File("/usr/include/node/node_version.h", "#define NODE_MAJOR_VERSION 20\n#define NODE_MINOR_VERSION 1\n#define NODE_PATCH_VERSION 0\n")
            .File(Home + "/.nvm/versions/node/v18.2.0/bin/node");

        Assert.Equal(["20.1.0 /usr/bin/node system default", $"18.2.0 {Home}/.nvm/versions/node/v18.2.0 nvm"], Describe("node"));
    }

    [Fact]
    public void GoFromVersionFilesFollowingDebianAlternatives()
    {
        _tree.File("/usr/lib/go-1.19/VERSION", "go1.19.8\ntime 2023-04-04\n").File("/usr/lib/go-1.19/bin/go")
            .Link("/usr/lib/go", "go-1.19").Link("/usr/bin/go", "../lib/go/bin/go")
            .File("/usr/local/go/VERSION", "go1.22.1\n");

        Assert.Equal(["1.22.1 /usr/local/go local", "1.19.8 /usr/lib/go-1.19 system default"], Describe("go"));
    }

    [Fact]
    public void RustupToolchainsWithTheProxyFollowedToTheDefaultToolchain()
    {
        const string toolchains = Home + "/.rustup/toolchains";
        _tree.File($"{toolchains}/stable-x86_64-unknown-linux-gnu/lib/rustlib/multirust-channel-manifest.toml",
                "[pkg.cargo]\nversion = \"1.95.0 (x)\"\n[pkg.rustc]\nversion = \"1.95.0 (59807616e 2026-04-14)\"\n")
            .File($"{toolchains}/nightly-x86_64-unknown-linux-gnu/bin/rustc")
            .File(Home + "/.rustup/settings.toml", "version = \"12\"\ndefault_toolchain = \"stable-x86_64-unknown-linux-gnu\"\n")
            .File(Home + "/.cargo/bin/rustc");

        Assert.Equal(
        [
            $"1.95.0 {toolchains}/stable-x86_64-unknown-linux-gnu rustup default",
            $"nightly-x86_64-unknown-linux-gnu {toolchains}/nightly-x86_64-unknown-linux-gnu rustup",
        ], Describe("rust"));
    }

    [Fact]
    public void JavaFromReleaseFilesResolvingAbsoluteLinksInsideTheRoot()
    {
        _tree.File("/usr/lib/jvm/java-17-openjdk-amd64/release", "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n")
            .File("/usr/lib/jvm/java-17-openjdk-amd64/bin/java")
            .Link("/usr/lib/jvm/java-1.17.0-openjdk-amd64", "java-17-openjdk-amd64")
            .File("/usr/lib/jvm/openjdk-17/README")
            .File("/usr/lib/jvm/temurin-25/release", "JAVA_VERSION=\"25.0.3\"\n")
            .Link("/etc/alternatives/java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java")
            .Link("/usr/bin/java", "/etc/alternatives/java");

        Assert.Equal(["17.0.15 /usr/lib/jvm/java-17-openjdk-amd64 system default", "25.0.3 /usr/lib/jvm/temurin-25 system"], Describe("java"));
    }

    [Fact]
    public void DotnetSdksAndRuntimesWithTheHighestOfTheResolvedRootAsDefault()
    {
        _tree.File("/usr/share/dotnet/dotnet").Link("/usr/bin/dotnet", "../share/dotnet/dotnet")
            .File("/usr/share/dotnet/sdk/8.0.100/dotnet.dll").File("/usr/share/dotnet/sdk/10.0.100/dotnet.dll")
            .File("/usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.1/x").File("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0/x")
            .File(Home + "/.dotnet/sdk/9.0.100/dotnet.dll");

        Assert.Equal(
        [
            "8.0.100 /usr/share/dotnet/sdk/8.0.100 system",
            "10.0.100 /usr/share/dotnet/sdk/10.0.100 system default",
            $"9.0.100 {Home}/.dotnet/sdk/9.0.100 dotnet-install",
        ], Describe("dotnet"));
        Assert.Equal(
        [
            "8.0.1 /usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.1 system",
            "10.0.0 /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0 system default",
        ], Describe("dotnet-runtime"));
    }

    [Fact]
    public void RubyFromRbconfigAndRbenv()
    {
        _tree.File("/usr/bin/ruby3.1").Link("/usr/bin/ruby", "ruby3.1")
            .File("/usr/lib/x86_64-linux-gnu/ruby/3.1.0/rbconfig.rb", "  CONFIG[\"RUBY_PROGRAM_VERSION\"] = \"3.1.2\"\n")
            .File(Home + "/.rbenv/versions/3.3.0/bin/ruby")
            .File(Home + "/.rbenv/shims/ruby")
            .File(Home + "/.rbenv/version", "3.3.0\n");

        Assert.Equal(["3.1.2 /usr/bin/ruby3.1 system", $"3.3.0 {Home}/.rbenv/versions/3.3.0 rbenv default"], Describe("ruby"));
    }

    [Fact]
    public void AnEmptyRootHasNoRuntimes()
    {
        Assert.Empty(Detect());
    }

    [Fact]
    public void DetectsThisMachineWithoutFailing()
    {
        var runtimes = new RuntimeDetector().Detect(CancellationToken.None);

        Assert.All(runtimes, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Version));
            Assert.True(File.Exists(r.Path) || Directory.Exists(r.Path), r.Path);
        });
        Assert.All(runtimes.GroupBy(r => r.Name), g => Assert.True(g.Count(r => r.IsDefault) <= 1, g.Key));
    }

    [SkippableTheory]
    [InlineData("python", "python3", "--version", @"Python (\S+)")]
    [InlineData("node", "node", "--version", @"v(\S+)")]
    [InlineData("java", "java", "-version", @"version ""([^""]+)""")]
    [InlineData("dotnet", "dotnet", "--version", @"^(\S+)")]
    [InlineData("rust", "rustc", "--version", @"rustc (\S+)")]
    [InlineData("go", "go", "version", @"go version go(\S+)")]
    [InlineData("ruby", "ruby", "--version", @"ruby ([0-9.]+)")]
    public void ThisMachinesDefaultIsTheVersionItsOwnCommandReports(string name, string command, string argument, string pattern)
    {
        // The oracle is the runtime itself, found on PATH as a shell finds it; a machine without it skips, saying so.
        string? reported = VersionFromCommand(command, argument, pattern);
        Skip.If(reported is null, $"'{command}' is not on this machine's PATH");

        var defaults = new RuntimeDetector().Detect(name, CancellationToken.None).Where(r => r.Name == name && r.IsDefault).ToList();
        RuntimeInfo found = Assert.Single(defaults);
        // Without headers or release files the detector knows only the version in the file name (python3.11):
        // what it says must then be the leading part of what the runtime reports, never something else.
        Assert.True(
            reported == found.Version || reported!.StartsWith(found.Version + ".", StringComparison.Ordinal),
            $"'{command} {argument}' says {reported}, the detector's default {name} is {found.Version} at {found.Path}");
    }

    private static string? VersionFromCommand(string command, string argument, string pattern)
    {
        var start = new ProcessStartInfo(command, [argument])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Outside the checkout, so that no global.json there picks the dotnet SDK.
            WorkingDirectory = "/",
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        {
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd() + error.Result;
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"'{command} {argument}' exited with {process.ExitCode}: {output}");
            Match match = Regex.Match(output, pattern, RegexOptions.Multiline);
            Assert.True(match.Success, $"'{command} {argument}' printed no version: {output}");
            return match.Groups[1].Value;
        }
    }

    [Theory]
    [InlineData("python")]
    [InlineData("node")]
    [InlineData("rust")]
    public void OneLanguageIsThatLanguagesPartOfTheWhole(string name)
    {
        // The package sources ask for their own language only; it must be exactly what the full detection says.
        var all = new RuntimeDetector().Detect(CancellationToken.None).Where(r => r.Name == name).ToList();
        var one = new RuntimeDetector().Detect(name, CancellationToken.None);
        Assert.Equal(all, one);
    }
}
