using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Omg.Modules.Requests;

/// <summary>
/// Builds the seed-004 <c>host</c> section of a module request: <c>traits</c>, <c>paths</c> and
/// <c>capabilities</c>, in the shape SysInspect's minion sends to its runtimes.
/// </summary>
/// <remarks>
/// <para><b>traits</b> are flat dotted keys named and typed as SysInspect's minion traits
/// (<c>libsysinspect/src/traits</c>): strings <c>system.hostname</c>, <c>system.kernel</c> (the kernel release,
/// <c>uname -r</c>), <c>system.os.name</c> (the OS family, <c>Linux</c>), <c>system.os.version</c>
/// (os-release <c>VERSION_ID</c>, absent when the file has none), <c>system.os.distribution</c> (os-release
/// <c>ID</c>, <c>unknown</c> without one), <c>system.arch</c> (Rust's names: <c>x86_64</c>, <c>arm64</c>,
/// <c>arm</c>, <c>riscv</c>, ...), <c>system.id</c> (<c>etc/machine-id</c>, empty when absent),
/// <c>hardware.cpu.brand</c> and <c>hardware.cpu.vendor</c> (<c>/proc/cpuinfo</c>); integers
/// <c>hardware.memory</c> and <c>hardware.swap</c> (bytes), <c>hardware.cpu.total</c> and
/// <c>hardware.cpu.cores</c> (online logical CPUs; SysInspect gives both the same value),
/// <c>hardware.cpu.frequency</c> (MHz, absent when the kernel does not say); and per interface
/// <c>system.net.&lt;iface&gt;.mac</c> (lower-case, colon-separated), <c>.ipv4</c> and <c>.ipv6</c> (the
/// interface's first address of each family, without a scope id). Then the user traits, which replace
/// detected traits of the same name, as SysInspect's custom trait files do.</para>
/// <para><b>paths</b>: <c>sharelib</c> and <c>root</c> (strings, from the options) and <c>modules</c> (the module
/// roots, an array of strings).</para>
/// <para><b>capabilities</b> is an object of booleans, SysInspect's shape (it sends
/// <c>{"packagekit": false}</c>), each one probed on every call: <c>python3</c> (a python3 executable at
/// <c>/usr/bin/python3</c> or on the search path), <c>packagekit</c> (PackageKit's D-Bus service file,
/// daemon or <c>pkcon</c> under the root), <c>systemd</c> (<c>&lt;root&gt;/run/systemd/system</c> exists),
/// <c>dpkg</c>, <c>rpm</c>, <c>apk</c> (the package database exists under the root).</para>
/// <para>What does not change while the system runs (os-release, kernel, architecture, CPU, memory,
/// machine id) is read once per root and cached; the network traits are cached until the kernel reports an
/// address or link change; hostname and capabilities are read on every call. Thread-safe.</para>
/// </remarks>
public static class HostFacts
{
    private static readonly ConcurrentDictionary<string, JsonObject> StaticTraitsByRoot = new(StringComparer.Ordinal);
    private static readonly Lazy<bool> WatchingNetwork = new(WatchNetwork);
    private static JsonObject? networkTraits;
    private static long networkGeneration;

    /// <summary>
    /// Detects the facts of the running system under <paramref name="options"/>' root. Never throws for a missing
    /// or unreadable file: that trait is left out (or takes SysInspect's fallback value).
    /// </summary>
    /// <param name="options">The root, user traits and paths to report.</param>
    /// <returns>A new object <c>{"traits": {...}, "paths": {...}, "capabilities": {...}}</c> the caller may change.</returns>
    public static JsonObject Detect(HostFactsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.GetFullPath(string.IsNullOrEmpty(options.Root) ? "/" : options.Root);

        var traits = new JsonObject { ["system.hostname"] = Dns.GetHostName() };
        foreach (var (key, value) in StaticTraitsByRoot.GetOrAdd(root, ReadStaticTraits))
        {
            traits[key] = value?.DeepClone();
        }

        foreach (var (key, value) in NetworkTraits())
        {
            traits[key] = value?.DeepClone();
        }

        foreach (var (key, value) in options.UserTraits)
        {
            traits[key] = value;
        }

        var modules = new JsonArray();
        foreach (var moduleRoot in options.ModuleRoots)
        {
            modules.Add(moduleRoot);
        }

        return new JsonObject
        {
            ["traits"] = traits,
            ["paths"] = new JsonObject
            {
                ["sharelib"] = options.SharelibPath,
                ["root"] = options.Root,
                ["modules"] = modules,
            },
            ["capabilities"] = DetectCapabilities(root, options.SearchPath),
        };
    }

    private static JsonObject ReadStaticTraits(string root)
    {
        var traits = new JsonObject();
        var kernel = ReadTrimmed("/proc/sys/kernel/osrelease");
        if (kernel is not null)
        {
            traits["system.kernel"] = kernel;
        }

        var osRelease = HostOsRelease.Read(root);
        if (osRelease.TryGetValue("VERSION_ID", out var version))
        {
            traits["system.os.version"] = version;
        }

        traits["system.os.name"] = "Linux";
        traits["system.os.distribution"] = osRelease.TryGetValue("ID", out var id) && id.Length > 0 ? id : "unknown";
        traits["system.arch"] = ArchName(RuntimeInformation.OSArchitecture);
        traits["system.id"] = ReadTrimmed(Path.Combine(root, "etc/machine-id")) ?? string.Empty;

        var memory = ReadMeminfo();
        if (memory.TryGetValue("MemTotal", out var total))
        {
            traits["hardware.memory"] = total;
        }

        if (memory.TryGetValue("SwapTotal", out var swap))
        {
            traits["hardware.swap"] = swap;
        }

        AddCpuTraits(traits);
        return traits;
    }

    private static void AddCpuTraits(JsonObject traits)
    {
        var cpuinfo = ReadTrimmed("/proc/cpuinfo") ?? string.Empty;
        string? brand = null, vendor = null, mhz = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                // x86 says "model name"; other architectures name the same fact differently.
                case "model name" or "cpu model" or "cpu" when brand is null:
                    brand = value;
                    break;
                case "vendor_id" or "CPU implementer" when vendor is null:
                    vendor = value;
                    break;
                case "cpu MHz" or "clock" when mhz is null:
                    mhz = value;
                    break;
            }
        }

        var cpus = OnlineCpuCount();
        traits["hardware.cpu.total"] = cpus;
        traits["hardware.cpu.brand"] = brand ?? string.Empty;
        if (mhz is not null
            && double.TryParse(mhz.TrimEnd('M', 'H', 'z'), NumberStyles.Float, CultureInfo.InvariantCulture, out var frequency))
        {
            traits["hardware.cpu.frequency"] = (long)frequency;
        }

        traits["hardware.cpu.vendor"] = vendor ?? string.Empty;
        traits["hardware.cpu.cores"] = cpus;
    }

    /// <summary>The CPUs listed in <c>/proc/stat</c> (online ones), as SysInspect's sysinfo counts them.</summary>
    private static int OnlineCpuCount()
    {
        var stat = ReadTrimmed("/proc/stat");
        if (stat is null)
        {
            return Environment.ProcessorCount;
        }

        var count = 0;
        foreach (var line in stat.Split('\n'))
        {
            if (line.Length > 3 && line.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(line[3]))
            {
                count++;
            }
        }

        return count > 0 ? count : Environment.ProcessorCount;
    }

    /// <summary><c>/proc/meminfo</c> sizes in bytes.</summary>
    private static Dictionary<string, long> ReadMeminfo()
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in (ReadTrimmed("/proc/meminfo") ?? string.Empty).Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                var kib = parts.Length > 1 && parts[1] == "kB";
                sizes[line[..colon]] = kib ? value * 1024 : value;
            }
        }

        return sizes;
    }

    /// <summary>
    /// The network traits, cached until the kernel reports an address or link change: enumerating the
    /// interfaces costs about half a millisecond, more than the rest of <see cref="Detect"/> together.
    /// </summary>
    private static JsonObject NetworkTraits()
    {
        _ = WatchingNetwork.Value;
        var cached = Volatile.Read(ref networkTraits);
        if (cached is not null)
        {
            return cached;
        }

        // A change reported while reading may not be in what was read: then this read is not cached.
        var generation = Interlocked.Read(ref networkGeneration);
        var fresh = ReadNetworkTraits();
        if (Interlocked.Read(ref networkGeneration) == generation)
        {
            Interlocked.CompareExchange(ref networkTraits, fresh, null);
        }

        return fresh;
    }

    private static bool WatchNetwork()
    {
        NetworkChange.NetworkAddressChanged += (_, _) => ForgetNetwork();
        NetworkChange.NetworkAvailabilityChanged += (_, _) => ForgetNetwork();
        return true;
    }

    private static void ForgetNetwork()
    {
        Interlocked.Increment(ref networkGeneration);
        Volatile.Write(ref networkTraits, null);
    }

    private static JsonObject ReadNetworkTraits()
    {
        var traits = new JsonObject();
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            return traits;
        }

        foreach (var nic in interfaces)
        {
            var prefix = "system.net." + nic.Name + ".";
            traits[prefix + "mac"] = FormatMac(nic.GetPhysicalAddress().GetAddressBytes());

            IPAddress? v4 = null, v6 = null;
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                if (address.AddressFamily == AddressFamily.InterNetwork)
                {
                    v4 ??= address;
                }
                else if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    // Without the scope id, as SysInspect prints addresses: "fe80::1", not "fe80::1%2".
                    v6 ??= new IPAddress(address.GetAddressBytes());
                }
            }

            if (v4 is not null)
            {
                traits[prefix + "ipv4"] = v4.ToString();
            }

            if (v6 is not null)
            {
                traits[prefix + "ipv6"] = v6.ToString();
            }
        }

        return traits;
    }

    private static string FormatMac(byte[] bytes)
    {
        // The loopback has no hardware address; sysinfo reports it as all zeros.
        if (bytes.Length == 0)
        {
            bytes = new byte[6];
        }

        return string.Join(':', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static JsonObject DetectCapabilities(string root, string? searchPath)
    {
        bool Under(string relative) => Path.Exists(Path.Combine(root, relative));

        return new JsonObject
        {
            ["python3"] = HostExecutables.Find("python3", ["/usr/bin/python3"], searchPath) is not null,
            ["packagekit"] = Under("usr/share/dbus-1/system-services/org.freedesktop.PackageKit.service")
                || Under("usr/libexec/packagekitd")
                || Under("usr/lib/packagekit/packagekitd")
                || Under("usr/bin/pkcon"),
            ["systemd"] = Directory.Exists(Path.Combine(root, "run/systemd/system")),
            ["dpkg"] = File.Exists(Path.Combine(root, "var/lib/dpkg/status")),
            ["rpm"] = Directory.Exists(Path.Combine(root, "var/lib/rpm")) || Directory.Exists(Path.Combine(root, "usr/lib/sysimage/rpm")),
            ["apk"] = File.Exists(Path.Combine(root, "lib/apk/db/installed")),
        };
    }

    /// <summary>Rust's <c>std::env::consts::ARCH</c> names, mapped as SysInspect maps them.</summary>
    private static string ArchName(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.X86 => "x86",
        Architecture.Arm64 => "arm64",
        Architecture.Arm or Architecture.Armv6 => "arm",
        Architecture.RiscV64 => "riscv",
        Architecture.LoongArch64 => "loongarch64",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "powerpc64",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    private static string? ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
