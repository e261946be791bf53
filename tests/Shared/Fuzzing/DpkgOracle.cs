using System.Diagnostics;

namespace Omg.Tests.Shared.Fuzzing;

/// <summary>
/// <c>dpkg --compare-versions</c> as the reference for Debian version order, asked for many pairs through one shell
/// (one process per pair would cost seconds per few hundred pairs).
/// </summary>
internal static class DpkgOracle
{
    /// <summary>True when dpkg is on this machine; the tests that need it say so when it is not.</summary>
    public static bool IsAvailable => File.Exists("/usr/bin/dpkg");

    /// <summary>dpkg's order of each pair: -1, 0 or 1.</summary>
    public static List<int> Compare(IReadOnlyList<(string A, string B)> pairs)
    {
        const string Script = """
            while read -r a b; do
              if dpkg --compare-versions "$a" lt "$b"; then echo -1
              elif dpkg --compare-versions "$a" eq "$b"; then echo 0
              else echo 1; fi
            done
            """;
        var start = new ProcessStartInfo("sh", ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        foreach ((string a, string b) in pairs)
        {
            process.StandardInput.Write($"{a} {b}\n");
        }

        process.StandardInput.Close();
        process.WaitForExit();
        List<int> results = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        if (results.Count != pairs.Count || errors.Result.Length > 0)
        {
            // dpkg warns on stderr about a version it finds malformed: the generator must make only valid ones.
            throw new InvalidOperationException($"dpkg answered {results.Count} of {pairs.Count} pairs: {errors.Result}");
        }

        return results;
    }

    /// <summary>The pairs on which <paramref name="compare"/> and dpkg disagree, described, and dpkg's answers.</summary>
    public static (List<string> Disagreements, List<int> Dpkg) Disagreements(IReadOnlyList<(string A, string B)> pairs, Func<string, string, int> compare)
    {
        List<int> dpkg = Compare(pairs);
        List<string> disagreements = pairs.Zip(dpkg)
            .Where(p => Math.Sign(compare(p.First.A, p.First.B)) != p.Second)
            .Select(p => $"{p.First.A} vs {p.First.B}: dpkg {p.Second}, ours {compare(p.First.A, p.First.B)}")
            .ToList();
        return (disagreements, dpkg);
    }
}
