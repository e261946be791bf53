using System.Diagnostics;

namespace Omg.Packages.Tests.Index;

/// <summary>
/// A realistic corpus: the machine's apt lists, in whichever form apt keeps them (plain, .gz, .xz, .zst,
/// .lz4), decompressed with the compressors' own command-line tools (not our decoders, which are under test
/// elsewhere) and parsed crudely. A machine without lists fails these tests with a message saying so,
/// rather than passing them on a made-up corpus.
/// </summary>
public static class AptCorpus
{
    private const string ListsDirectory = "/var/lib/apt/lists";

    // The fewest packages that make a corpus "real": Debian's main alone has tens of thousands.
    private const int MinimumPackages = 1000;

    private static readonly Lazy<IReadOnlyList<PackageRecord>> Cached = new(Load);

    public static IReadOnlyList<PackageRecord> Packages => Cached.Value;

    /// <summary>The command that prints a list's text, by the file's compression suffix; null for a plain list.</summary>
    internal static string[]? DecompressCommand(string path) => Path.GetExtension(path) switch
    {
        ".lz4" => ["lz4", "-dc"],
        ".gz" => ["gzip", "-dc"],
        ".xz" => ["xz", "-dc"],
        ".zst" => ["zstd", "-dcq"],
        _ => null,
    };

    /// <summary>The Packages lists apt keeps in <paramref name="directory"/>, any compression.</summary>
    internal static string[] ListFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*_Packages*").Where(f => f.EndsWith("_Packages", StringComparison.Ordinal) || DecompressCommand(f) is not null).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static IReadOnlyList<PackageRecord> Load()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var records = new List<PackageRecord>();
        foreach (var list in ListFiles(ListsDirectory))
        {
            foreach (var p in Parse(ReadText(list)))
            {
                if (seen.Add(p.Name))
                {
                    records.Add(p);
                }
            }
        }

        if (records.Count < MinimumPackages)
        {
            throw new InvalidOperationException(
                $"these tests need this machine's apt lists ({ListsDirectory}/*_Packages*), and {records.Count} packages were found there: run 'apt-get update' first");
        }

        return records;
    }

    internal static string ReadText(string path)
    {
        if (DecompressCommand(path) is not { } command)
        {
            return File.ReadAllText(path);
        }

        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1).Append(path))
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi)!;
        var error = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} {path} failed ({process.ExitCode}): {error.Result}");
        }

        return text;
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
}
