using System.Diagnostics;
using Omg.Daemon.Tests.Support;
using Omg.Packages.Tests.Debian;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.Packages;

/// <summary>What Status lists as problems is also in omgd's log, once (issue 19: it was only in Status).</summary>
public sealed class ProblemLoggingTests
{
    [Fact]
    public async Task A_broken_list_is_a_Status_problem_and_a_warning_in_the_log()
    {
        using TempRoot root = Fixtures.CopyRoot("basic");
        string list = root.File("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4");
        await File.WriteAllBytesAsync(list, [0x04, 0x22, 0x4d, 0x18, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02]);
        using var paths = new TestPaths();
        string log = Path.Combine(paths.Directory, "omgd.log");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "omgd.dll"), "--socket", paths.Socket, "--root", root.Path, "--log-file", log])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process omgd = Process.Start(start)!;
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!File.Exists(paths.Socket))
            {
                Assert.False(omgd.HasExited, "omgd exited");
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "omgd did not listen");
                await Task.Delay(50);
            }

            await using RawConnection connection = await RawConnection.ConnectAsync(paths.Socket);
            var status = Assert.IsType<StatusResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new StatusRequest(1))).Result);
            string problem = Assert.Single(status.Problems, p => p.Contains("Packages.lz4", StringComparison.Ordinal));

            // The warning is logged as the build is published, which may come a moment after Status could answer.
            string expected = "package data skipped: " + problem;
            string text = await File.ReadAllTextAsync(log);
            for (int i = 0; i < 200 && !text.Contains(expected, StringComparison.Ordinal); i++)
            {
                await Task.Delay(50);
                text = await File.ReadAllTextAsync(log);
            }

            Assert.Contains(expected, text, StringComparison.Ordinal);
            Assert.Equal(1, CountOf(text, "Packages.lz4"));
        }
        finally
        {
            omgd.Kill();
            await omgd.WaitForExitAsync();
        }
    }

    private static int CountOf(string text, string word)
    {
        int count = 0;
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
