using System.Diagnostics;

namespace Omg.Packages.Tests.Index;

/// <summary>
/// A realistic corpus: the machine's apt lists (decompressed with the lz4 CLI and parsed crudely),
/// or, where there are none, synthetic records shaped like them.
/// </summary>
public static class AptCorpus
{
    private static readonly Lazy<IReadOnlyList<PackageRecord>> Cached = new(Load);

    public static IReadOnlyList<PackageRecord> Packages => Cached.Value;

    private static IReadOnlyList<PackageRecord> Load()
    {
        var lists = Directory.Exists("/var/lib/apt/lists")
            ? Directory.GetFiles("/var/lib/apt/lists", "*_Packages.lz4")
            : [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var records = new List<PackageRecord>();
        foreach (var list in lists)
        {
            foreach (var p in Parse(Decompress(list)))
            {
                if (seen.Add(p.Name))
                {
                    records.Add(p);
                }
            }
        }

        return records.Count > 1000 ? records : Synthetic(64_000);
    }

    private static string Decompress(string path)
    {
        var psi = new ProcessStartInfo("lz4", ["-dc", path]) { RedirectStandardOutput = true, UseShellExecute = false };
        try
        {
            using var process = Process.Start(psi)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : string.Empty;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return string.Empty;
        }
    }

    private static IEnumerable<PackageRecord> Parse(string text)
    {
        foreach (var stanza in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string name = "", version = "", homepage = "", summary = "";
            var provides = new List<string>();
            var longDescription = new System.Text.StringBuilder();
            var inDescription = false;
            foreach (var line in stanza.Split('\n'))
            {
                if (line.StartsWith(' '))
                {
                    if (inDescription)
                    {
                        longDescription.Append(line.Trim()).Append('\n');
                    }

                    continue;
                }

                inDescription = false;
                var colon = line.IndexOf(':');
                if (colon < 0)
                {
                    continue;
                }

                var value = line[(colon + 1)..].Trim();
                switch (line[..colon])
                {
                    case "Package": name = value; break;
                    case "Version": version = value; break;
                    case "Homepage": homepage = value; break;
                    case "Description": summary = value; inDescription = true; break;
                    case "Provides":
                        provides.AddRange(value.Split(',').Select(v => v.Trim().Split(' ')[0]).Where(v => v.Length > 0));
                        break;
                }
            }

            if (name.Length > 0)
            {
                yield return Fake.Package(name, summary, longDescription.ToString(), [.. provides]) with
                {
                    CandidateVersion = version,
                    Homepage = homepage,
                };
            }
        }
    }

    private static IReadOnlyList<PackageRecord> Synthetic(int count)
    {
        var random = new Random(42);
        string[] stems = ["vim", "python", "lib", "gnome", "kde", "perl", "node", "rust", "golang", "java", "texlive", "fonts", "xserver", "qt", "gtk"];
        string[] words = ["editor", "library", "development", "files", "the", "for", "module", "tool", "support", "data", "documentation", "plugin", "server", "client", "bindings", "interface", "network", "graphics"];
        var records = new List<PackageRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var name = $"{stems[random.Next(stems.Length)]}-{words[random.Next(words.Length)]}{i}";
            var desc = string.Join(' ', Enumerable.Range(0, 60).Select(_ => words[random.Next(words.Length)] + random.Next(500)));
            records.Add(Fake.Package(name, $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]}", desc));
        }

        return records;
    }
}
