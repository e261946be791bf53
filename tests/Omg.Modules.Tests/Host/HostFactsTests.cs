using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Omg.Modules.Requests;
using Omg.Tests.Shared;

namespace Omg.Modules.Tests.Host;

public sealed class HostFactsTests
{
    private static readonly JsonObject Live = HostFacts.Detect(new HostFactsOptions());

    private static JsonObject Traits(JsonObject facts) => facts["traits"]!.AsObject();

    private static string Text(JsonObject traits, string key)
    {
        var node = traits[key];
        Assert.True(node is not null, $"trait {key} is missing");
        Assert.Equal(JsonValueKind.String, node.GetValueKind());
        return node.GetValue<string>();
    }

    private static long Integer(JsonObject traits, string key)
    {
        var node = traits[key];
        Assert.True(node is not null, $"trait {key} is missing");
        Assert.Equal(JsonValueKind.Number, node.GetValueKind());
        // An integer in JSON, not a float that happens to be whole.
        var text = node.ToJsonString();
        Assert.True(long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value), $"{key} = {text} is not an integer");
        return value;
    }

    /// <summary>A value of os-release as the shell sees it after sourcing the file (its documented use).</summary>
    private static string OsReleaseByShell(string root, string key) =>
        HostProcess.Output("/bin/sh", "-c", $". \"$1/etc/os-release\"; printf '%s' \"${key}\"", "sh", root);

    [Fact]
    public void KernelHostnameAndArchAreWhatTheSystemSays()
    {
        var traits = Traits(Live);
        Assert.Equal(HostProcess.Output("uname", "-r"), Text(traits, "system.kernel"));
        Assert.Equal(HostProcess.Output("hostname"), Text(traits, "system.hostname"));
        Assert.Equal("Linux", Text(traits, "system.os.name"));
        var machine = HostProcess.Output("uname", "-m");
        var expected = machine switch
        {
            "aarch64" => "arm64",
            "armv7l" or "armv6l" => "arm",
            "riscv64" => "riscv",
            "ppc64le" => "powerpc64",
            "i686" or "i386" => "x86",
            _ => machine,
        };
        Assert.Equal(expected, Text(traits, "system.arch"));
    }

    [Fact]
    public void OsReleaseMatchesTheShellsReading()
    {
        var traits = Traits(Live);
        Assert.Equal(OsReleaseByShell("/", "ID"), Text(traits, "system.os.distribution"));
        Assert.Equal(OsReleaseByShell("/", "VERSION_ID"), Text(traits, "system.os.version"));
    }

    [Fact]
    public void CpuAndMemoryAreIntegersMatchingTheKernel()
    {
        var traits = Traits(Live);
        var online = long.Parse(HostProcess.Output("getconf", "_NPROCESSORS_ONLN"), CultureInfo.InvariantCulture);
        Assert.Equal(online, Integer(traits, "hardware.cpu.total"));
        Assert.Equal(online, Integer(traits, "hardware.cpu.cores"));

        var memTotalKib = HostProcess.Output("awk", "/^MemTotal:/ { print $2 }", "/proc/meminfo");
        Assert.Equal(long.Parse(memTotalKib, CultureInfo.InvariantCulture) * 1024, Integer(traits, "hardware.memory"));
        var swapKib = HostProcess.Output("awk", "/^SwapTotal:/ { print $2 }", "/proc/meminfo");
        Assert.Equal(long.Parse(swapKib, CultureInfo.InvariantCulture) * 1024, Integer(traits, "hardware.swap"));

        var brand = HostProcess.Output("awk", "-F", ": ", "/^model name/ { print $2; exit }", "/proc/cpuinfo");
        Assert.Equal(brand.Trim(), Text(traits, "hardware.cpu.brand"));
        Assert.True(Integer(traits, "hardware.cpu.frequency") >= 0);
    }

    [Fact]
    public void EveryInterfaceHasItsMacAndFirstAddresses()
    {
        var traits = Traits(Live);
        var interfaces = Directory.GetDirectories("/sys/class/net").Select(Path.GetFileName).ToList();
        Assert.NotEmpty(interfaces);
        foreach (var name in interfaces)
        {
            var mac = File.ReadAllText($"/sys/class/net/{name}/address").Trim();
            Assert.Equal(mac, Text(traits, $"system.net.{name}.mac"));

            foreach (var (family, key) in new[] { ("-4", "ipv4"), ("-6", "ipv6") })
            {
                var listing = HostProcess.Output("ip", "-o", family, "addr", "show", "dev", name!);
                var first = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                if (first is null)
                {
                    Assert.Null(traits[$"system.net.{name}.{key}"]);
                    continue;
                }

                // "4: eth0    inet 192.0.2.2/24 brd ..." -> the address before the prefix length.
                var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var address = words[Array.IndexOf(words, family == "-4" ? "inet" : "inet6") + 1].Split('/')[0];
                Assert.Equal(address, Text(traits, $"system.net.{name}.{key}"));
            }
        }
    }

    [Fact]
    public void UserTraitsAreAddedAndReplaceDetectedOnes()
    {
        var facts = HostFacts.Detect(new HostFactsOptions
        {
            UserTraits = new Dictionary<string, string> { ["custom.operator.label"] = "special", ["system.os.name"] = "Plan9" },
        });
        var traits = Traits(facts);
        Assert.Equal("special", Text(traits, "custom.operator.label"));
        Assert.Equal("Plan9", Text(traits, "system.os.name"));
        // The cache of detected facts is not changed by one caller's user traits.
        Assert.Equal("Linux", Text(Traits(HostFacts.Detect(new HostFactsOptions())), "system.os.name"));
    }

    [Fact]
    public void AFixtureRootHasItsOwnOsReleaseMachineIdAndCapabilities()
    {
        using var dir = new TestPaths();
        var root = Path.Combine(dir.Directory, "root");
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.WriteAllText(Path.Combine(root, "etc/os-release"), "# fixture\nNAME=\"Fixture OS\"\nID=fixtureos\nVERSION_ID=\"4.2\"\nPRETTY_NAME='Fixture 4.2'\n");
        File.WriteAllText(Path.Combine(root, "etc/machine-id"), "0123456789abcdef0123456789abcdef\n");
        Directory.CreateDirectory(Path.Combine(root, "run/systemd/system"));
        Directory.CreateDirectory(Path.Combine(root, "var/lib/dpkg"));
        File.WriteAllText(Path.Combine(root, "var/lib/dpkg/status"), string.Empty);

        var facts = HostFacts.Detect(new HostFactsOptions { Root = root });
        var traits = Traits(facts);
        Assert.Equal(OsReleaseByShell(root, "ID"), Text(traits, "system.os.distribution"));
        Assert.Equal("fixtureos", Text(traits, "system.os.distribution"));
        Assert.Equal("4.2", Text(traits, "system.os.version"));
        Assert.Equal("0123456789abcdef0123456789abcdef", Text(traits, "system.id"));

        var capabilities = facts["capabilities"]!.AsObject();
        Assert.True(capabilities["systemd"]!.GetValue<bool>());
        Assert.True(capabilities["dpkg"]!.GetValue<bool>());
        Assert.False(capabilities["rpm"]!.GetValue<bool>());
        Assert.False(capabilities["apk"]!.GetValue<bool>());
        Assert.False(capabilities["packagekit"]!.GetValue<bool>());
    }

    [Fact]
    public void ARootWithoutOsReleaseFallsBackAsSysInspectDoes()
    {
        using var dir = new TestPaths();
        var root = Path.Combine(dir.Directory, "bare");
        Directory.CreateDirectory(root);

        var traits = Traits(HostFacts.Detect(new HostFactsOptions { Root = root }));
        Assert.Equal("unknown", Text(traits, "system.os.distribution"));
        Assert.Null(traits["system.os.version"]);
        Assert.Equal(string.Empty, Text(traits, "system.id"));

        var usrLib = Path.Combine(dir.Directory, "usrlib");
        Directory.CreateDirectory(Path.Combine(usrLib, "usr/lib"));
        File.WriteAllText(Path.Combine(usrLib, "usr/lib/os-release"), "ID=vendoros\nVERSION_ID=7\n");
        Assert.Equal("vendoros", Text(Traits(HostFacts.Detect(new HostFactsOptions { Root = usrLib })), "system.os.distribution"));
    }

    [Fact]
    public void CapabilitiesFollowTheLiveSystem()
    {
        var capabilities = Live["capabilities"]!.AsObject();
        Assert.Equal(Directory.Exists("/run/systemd/system"), capabilities["systemd"]!.GetValue<bool>());
        Assert.Equal(File.Exists("/var/lib/dpkg/status"), capabilities["dpkg"]!.GetValue<bool>());
        var python = HostProcess.Run("/bin/sh", ["-c", "command -v python3"]);
        Assert.Equal(File.Exists("/usr/bin/python3") || python.ExitCode == 0, capabilities["python3"]!.GetValue<bool>());
        foreach (var (_, value) in capabilities)
        {
            Assert.Contains(value!.GetValueKind(), new[] { JsonValueKind.True, JsonValueKind.False });
        }
    }

    [Fact]
    public void PathsCarryTheOptions()
    {
        var facts = HostFacts.Detect(new HostFactsOptions
        {
            SharelibPath = "/srv/share",
            ModuleRoots = ["/a/modules", "/b/modules"],
        });
        var paths = facts["paths"]!.AsObject();
        Assert.Equal("/srv/share", paths["sharelib"]!.GetValue<string>());
        Assert.Equal("/", paths["root"]!.GetValue<string>());
        Assert.Equal(["/a/modules", "/b/modules"], paths["modules"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void ExecutablesAreFoundOnlyWhenExecutableAndOnAnAbsolutePath()
    {
        using var dir = new TestPaths();
        var plain = Path.Combine(dir.Directory, "plain");
        var exec = Path.Combine(dir.Directory, "exec");
        Directory.CreateDirectory(plain);
        Directory.CreateDirectory(exec);
        File.WriteAllText(Path.Combine(plain, "tool"), "#!/bin/sh\n");
        File.WriteAllText(Path.Combine(exec, "tool"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(exec, "tool"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(plain, "linked"), Path.Combine(exec, "tool"));

        Assert.Equal(Path.Combine(exec, "tool"), HostExecutables.Find("tool", [], $"relative:{plain}:{exec}"));
        Assert.Null(HostExecutables.Find("tool", [], plain));
        Assert.Equal(Path.Combine(plain, "linked"), HostExecutables.Find("linked", [], plain));
        Assert.Equal(Path.Combine(exec, "tool"), HostExecutables.Find("nothing", [Path.Combine(plain, "tool"), Path.Combine(exec, "tool")], plain));
    }
}
