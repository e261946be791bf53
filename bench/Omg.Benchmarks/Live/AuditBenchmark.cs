using System.Diagnostics;
using System.Text;
using Omg.Audit.Sources;
using Omg.Client;

namespace Omg.Benchmarks.Live;

/// <summary>
/// The audit on a generated tracker-sized file (30,000 source packages, 100,000 CVE entries, three releases
/// each): import throughput in process beside <c>python3 -c 'import json; json.load(open(F))'</c> on the same
/// file in the same run, then UpdateAdvisories and the SecurityAudit round trip beside Status through an omgd
/// process auditing this machine's installed packages.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class AuditBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 500;
        Console.WriteLine($"{Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        string directory = Path.Combine(Path.GetTempPath(), "omg-audit-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(directory);
        try
        {
            string file = Path.Combine(directory, "tracker.json");
            Generate(file, packages: 30_000, entries: 100_000);
            double megabytes = new FileInfo(file).Length / 1e6;
            Console.WriteLine($"generated {file}: {megabytes:F1} MB, 30,000 packages, 100,000 CVE entries");

            double python = ProcessTimer.MedianMillis("/usr/bin/python3", ["-c", "import json; json.load(open('" + file + "'))"], 5);
            var runs = new List<double>();
            for (int i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                AdvisorySet set = SourceReader.Read(file, file);
                runs.Add(clock.Elapsed.TotalMilliseconds);
                if (i == 0)
                {
                    Console.WriteLine($"parsed: {set.Advisories} advisories, {set.Packages} packages, {set.Entries.Count} entries");
                }
            }

            double omg = runs.Order().ElementAt(runs.Count / 2);
            Console.WriteLine($"import in process (read + parse + normalise): first {runs[0]:F0} ms, median {omg:F0} ms = {megabytes / omg * 1000:F0} MB/s");
            Console.WriteLine($"python3 json.load (tree only, no matching model): median {python:F0} ms = {megabytes / python * 1000:F0} MB/s  -> omg is {python / omg:F2}x python");

            await using OmgdProcess omgd = await OmgdProcess.StartAsync(
                "--root", "/", "--data-dir", Path.Combine(directory, "data"),
                "--Limits:ConnectionRate=1000000", "--Limits:ConnectionBurst=1000000", "--Limits:UidRate=1000000", "--Limits:UidBurst=1000000");
            await using OmgClient client = omgd.Client();
            await client.StatusAsync();
            var update = Stopwatch.StartNew();
            await client.UpdateAdvisoriesAsync(file);
            Console.WriteLine($"UpdateAdvisories over the socket (copy to store, fsync, parse, swap): {update.Elapsed.TotalMilliseconds:F0} ms");
            var first = Stopwatch.StartNew();
            var audit = await client.SecurityAuditAsync();
            Console.WriteLine($"first SecurityAudit (matching {audit.Vulnerabilities.Count} affected packages, {audit.TotalVulnerabilities} findings): {first.Elapsed.TotalMilliseconds:F1} ms");

            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
            {
                await client.StatusAsync();
                await client.SecurityAuditAsync();
            }

            var status = new Percentiles();
            var securityAudit = new Percentiles();
            for (int i = 0; i < iterations; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                await client.StatusAsync();
                long t1 = Stopwatch.GetTimestamp();
                await client.SecurityAuditAsync();
                long t2 = Stopwatch.GetTimestamp();
                status.Add(Stopwatch.GetElapsedTime(t0, t1));
                securityAudit.Add(Stopwatch.GetElapsedTime(t1, t2));
            }

            Console.WriteLine($"Status round trip:        {status.Describe()}");
            Console.WriteLine($"SecurityAudit round trip: {securityAudit.Describe()}  -> {securityAudit.P(0.5) / status.P(0.5):F1}x Status (goal <= 10x)");
            Console.WriteLine($"omgd RSS with the tracker loaded: {omgd.RssMiB():F0} MiB");

            // Where a SecurityAudit round trip goes: the codec's share, in this process, on the same answer.
            var encode = new Percentiles();
            var decode = new Percentiles();
            var response = new Omg.Protocol.Messages.SuccessResponse(1, audit);
            byte[] encoded = Omg.Protocol.Messages.MessageCodec.Encode(response);
            for (int i = 0; i < iterations; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                encoded = Omg.Protocol.Messages.MessageCodec.Encode(response);
                long t1 = Stopwatch.GetTimestamp();
                Omg.Protocol.Messages.MessageCodec.DecodeResponse(encoded);
                long t2 = Stopwatch.GetTimestamp();
                encode.Add(Stopwatch.GetElapsedTime(t0, t1));
                decode.Add(Stopwatch.GetElapsedTime(t1, t2));
            }

            Console.WriteLine($"SecurityAudit answer: {encoded.Length / 1024.0:F0} KiB; encode {encode.Describe()}; decode {decode.Describe()}");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Package names start with this machine's installed source packages, so the audit has real matches;
    // a third of the entries are open, a third fixed above any version, a third fixed at "0".
    private static void Generate(string path, int packages, int entries)
    {
        var names = new List<string>();
        if (File.Exists("/var/lib/dpkg/status"))
        {
            foreach (string line in File.ReadLines("/var/lib/dpkg/status"))
            {
                if (line.StartsWith("Source: ", StringComparison.Ordinal) || line.StartsWith("Package: ", StringComparison.Ordinal))
                {
                    names.Add(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..].Split(' ')[0]);
                }
            }
        }

        names = names.Distinct(StringComparer.Ordinal).Take(packages).ToList();
        for (int i = names.Count; i < packages; i++)
        {
            names.Add($"generated-package-{i}");
        }

        string codename = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("VERSION_CODENAME=", StringComparison.Ordinal))?.Split('=')[1].Trim('"') ?? "bookworm"
            : "bookworm";
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write('{');
        int cve = 0;
        for (int p = 0; p < packages; p++)
        {
            int count = entries / packages + (p < entries % packages ? 1 : 0);
            writer.Write(p == 0 ? "\n" : ",\n");
            writer.Write($"  \"{names[p]}\": {{");
            for (int c = 0; c < count; c++, cve++)
            {
                string status = (cve % 3) switch
                {
                    0 => "\"status\": \"open\", \"repositories\": {\"" + codename + "\": \"1.0-1\"}, \"urgency\": \"low\"",
                    1 => "\"status\": \"resolved\", \"repositories\": {\"" + codename + "\": \"99:1.0-1\"}, \"fixed_version\": \"99:1.0-1\", \"urgency\": \"high\"",
                    _ => "\"status\": \"resolved\", \"repositories\": {\"" + codename + "\": \"1.0-1\"}, \"fixed_version\": \"0\", \"urgency\": \"unimportant\"",
                };
                writer.Write(c == 0 ? "\n" : ",\n");
                writer.Write($"    \"CVE-{2000 + cve % 25}-{cve:D6}\": {{\"description\": \"Generated advisory {cve} for {names[p]}: a buffer overflow in a parser\", \"scope\": \"remote\", \"debianbug\": {cve}, \"releases\": {{");
                writer.Write($"\"{codename}\": {{{status}}}, ");
                writer.Write("\"sid\": {\"status\": \"resolved\", \"repositories\": {\"sid\": \"2.0-1\"}, \"fixed_version\": \"2.0-1\", \"urgency\": \"medium\"}, ");
                writer.Write("\"bullseye\": {\"status\": \"open\", \"repositories\": {\"bullseye\": \"0.9-1\"}, \"urgency\": \"not yet assigned\"}}}");
            }

            writer.Write("}");
        }

        writer.Write("\n}\n");
    }
}
