using System.Text;
using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

/// <summary>
/// dpkg replaces its status file while omgd may be reading it (status-new, then a rename over status). A load that
/// overlaps the swap must see one whole version, the old or the new, never a mixture and never a cut-short file.
/// </summary>
public sealed class StatusReplacedMidReadTests
{
    // Large enough (about 1.3 MB) that a load takes long enough for swaps to land during it.
    private const int Packages = 4000;

    private const int Loads = 100;

    [Fact]
    public async Task A_status_file_renamed_over_while_it_is_read_yields_the_old_or_the_new_whole()
    {
        using var root = new TempRoot();
        var dpkg = Directory.CreateDirectory(root.File("var/lib/dpkg")).FullName;
        Directory.CreateDirectory(root.File("var/lib/apt/lists"));
        var status = Path.Combine(dpkg, "status");
        var old = Path.Combine(root.Path, "status-old");
        var next = Path.Combine(root.Path, "status-next");
        await File.WriteAllTextAsync(old, Status("old", "1.0-1"));
        // Names and versions of other lengths, so that fields read from one file at offsets found in the other
        // would not pass for either.
        await File.WriteAllTextAsync(next, Status("replacement", "2:10.0.3-1"));
        File.Copy(old, status);

        var source = new DebianPackageSource(root.Path);
        var oldResult = Signature(source.Load(CancellationToken.None));
        File.Copy(next, status, overwrite: true);
        var newResult = Signature(source.Load(CancellationToken.None));
        Assert.NotEqual(oldResult, newResult);
        Assert.Contains($"{Packages} packages", oldResult, StringComparison.Ordinal);

        using var stop = new CancellationTokenSource();
        var swaps = 0;
        // A thread of its own: the loads take the pool's threads.
        var swapper = Task.Factory.StartNew(
            () =>
        {
            var staging = Path.Combine(dpkg, "status-new");
            while (!stop.IsCancellationRequested)
            {
                File.Copy(swaps % 2 == 0 ? old : next, staging, overwrite: true);
                File.Move(staging, status, overwrite: true);
                swaps++;
            }
        },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var seen = new HashSet<string>();
        try
        {
            for (var i = 0; i < Loads; i++)
            {
                var loaded = Signature(source.Load(CancellationToken.None));
                Assert.True(loaded == oldResult || loaded == newResult, $"load {i} saw neither version whole:\n{loaded}");
                seen.Add(loaded);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await swapper;
        }

        // Both versions seen, and many swaps during the loads: the loads did overlap the replacement.
        Assert.True(seen.Count == 2, $"{seen.Count} version(s) seen in {Loads} loads over {swaps} swaps");
        Assert.True(swaps > Loads, $"only {swaps} swaps during {Loads} loads");
    }

    // Names, versions and problems: what a mixture of the two files, or a cut-short one, would change.
    private static string Signature(SourceLoadResult result)
    {
        var installed = result.Packages.Where(p => p.IsInstalled).ToList();
        var names = installed.Select(p => p.Name.Split('-')[0]).Distinct().Order(StringComparer.Ordinal);
        var versions = installed.Select(p => p.InstalledVersion).Distinct().Order(StringComparer.Ordinal);
        return $"{installed.Count} packages; prefixes {string.Join(",", names)}; versions {string.Join(",", versions)}; " +
            $"problems {string.Join(" | ", result.Problems)}";
    }

    private static string Status(string prefix, string version)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Packages; i++)
        {
            text.Append("Package: ").Append(prefix).Append("-pkg").Append(i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
                .Append("Status: install ok installed\nPriority: optional\nSection: misc\nInstalled-Size: 10\n")
                .Append("Maintainer: Fixture Maintainers <fixtures@example.org>\nArchitecture: amd64\n")
                .Append("Version: ").Append(version).Append('\n')
                .Append("Description: a filler package for the replaced-status test\n")
                .Append(" It makes the status file long enough that a load and a rename can overlap.\n\n");
        }

        return text.ToString();
    }
}
