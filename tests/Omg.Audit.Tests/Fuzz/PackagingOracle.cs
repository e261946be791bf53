using System.Diagnostics;

namespace Omg.Audit.Tests.Fuzz;

/// <summary>
/// The <c>packaging</c> library (pip's own PEP 440 implementation, Debian's python3-packaging) as the reference for
/// PEP 440 order and validity, asked about many versions through one Python process.
/// </summary>
internal static class PackagingOracle
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Why the oracle cannot run here, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing";
        }

        using Process check = Process.Start(new ProcessStartInfo(Python, ["-c", "import packaging.version"]) { RedirectStandardError = true, UseShellExecute = false })!;
        check.WaitForExit();
        return check.ExitCode == 0 ? null : "Python's packaging module is missing: apt-get install python3-packaging";
    }

    /// <summary>For each pair: packaging's order (-1, 0, 1), or null when it refuses either version.</summary>
    public static List<int?> Compare(IReadOnlyList<(string A, string B)> pairs)
    {
        const string Script = """
            import sys
            from packaging.version import Version, InvalidVersion
            for line in sys.stdin:
                a, b = line.rstrip("\n").split("\t")
                try:
                    x, y = Version(a), Version(b)
                    print((x > y) - (x < y))
                except InvalidVersion:
                    print("invalid")
            """;
        var start = new ProcessStartInfo(Python, ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        foreach ((string a, string b) in pairs)
        {
            process.StandardInput.Write($"{a}\t{b}\n");
        }

        process.StandardInput.Close();
        process.WaitForExit();
        List<int?> results = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line == "invalid" ? (int?)null : int.Parse(line, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(pairs.Count, results.Count);
        return results;
    }
}
