using System.Diagnostics;
using Omg.Client;
using Omg.Protocol;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Audit.Tests;

/// <summary>omgd as a real process on the fixture root: SecurityAudit, UpdateAdvisories and Status over its socket.</summary>
public sealed class DaemonAuditTests
{
    private static Process Start(TestPaths paths, string root)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "omgd.dll"), "--socket", paths.Socket, "--root", root, "--data-dir", Path.Combine(paths.Directory, "data")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("OMG_SOCKET");
        Process process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task<OmgClient> ConnectAsync(TestPaths paths, Process omgd)
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(paths.Socket))
        {
            Assert.False(omgd.HasExited, "omgd exited");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "omgd did not create its socket");
            await Task.Delay(50);
        }

        return new OmgClient(new OmgClientOptions { SocketPath = paths.Socket, AutoStart = false });
    }

    [Fact]
    public async Task Audit_is_unavailable_before_any_import_then_served_and_kept_after_kill_9()
    {
        using var paths = new TestPaths();
        string root = AuditFixtures.Root(paths);
        using (Process omgd = Start(paths, root))
        {
            try
            {
                await using OmgClient client = await ConnectAsync(paths, omgd);
                var unavailable = await Assert.ThrowsAsync<OmgRequestException>(() => client.SecurityAuditAsync());
                Assert.Equal(ErrorCodes.AdvisoryDataUnavailable, unavailable.Code);
                Assert.False((await client.StatusAsync()).AdvisoriesLoaded);
                Assert.Equal(2, await OmgAsync(paths, "audit"));

                AdvisoryUpdateResult imported = await client.UpdateAdvisoriesAsync(AuditFixtures.Tracker);
                Assert.Equal(13UL, imported.Advisories);

                // npm audit's exit codes: 1 with findings at or above the threshold, 0 without (the tracker has nothing critical).
                Assert.Equal(1, await OmgAsync(paths, "audit"));
                Assert.Equal(0, await OmgAsync(paths, "audit", "--min-severity", "critical"));
                Assert.Equal(1, await OmgAsync(paths, "audit", "--min-severity", "high", "--json"));
                // A relative path is the caller's, not omgd's working directory.
                Assert.Equal(0, await OmgInAsync(paths, AuditFixtures.Advisories, "advisories", "update", "osv"));

                SecurityAuditResult audit = await client.SecurityAuditAsync();
                Assert.Equal(12UL, audit.TotalVulnerabilities);
                Vulnerability libssl = Assert.Single(audit.Vulnerabilities.Single(p => p.Package == "libssl3").Vulnerabilities);
                Assert.Equal(("openssl", "3.0.15-1~deb12u1", "3.0.16-1~deb12u1", "high"), (libssl.SourcePackage, libssl.InstalledVersion, libssl.FixedVersion, libssl.Severity));

                // A bad source is refused over the wire with the data kept.
                string bad = Path.Combine(paths.Directory, "bad.json");
                File.WriteAllText(bad, "{\"openssl\": {");
                var refused = await Assert.ThrowsAsync<OmgRequestException>(() => client.UpdateAdvisoriesAsync(bad));
                Assert.Contains(bad, refused.RemoteMessage, StringComparison.Ordinal);
                Assert.Equal(12UL, (await client.SecurityAuditAsync()).TotalVulnerabilities);
            }
            finally
            {
                omgd.Kill();
                await omgd.WaitForExitAsync();
            }
        }

        // SIGKILL left the socket file behind; the restarted omgd replaces it and loads the store.
        using (Process omgd = Start(paths, root))
        {
            try
            {
                await using OmgClient client = await ConnectAsync(paths, omgd);
                SecurityAuditResult audit = await RetryAsync(() => client.SecurityAuditAsync());
                Assert.Equal(12UL, audit.TotalVulnerabilities);
                StatusResult status = await RetryAsync(async () =>
                {
                    StatusResult s = await client.StatusAsync();
                    return s.AdvisoriesLoaded ? s : throw new InvalidOperationException("not yet");
                });
                Assert.Equal(12UL, status.SecurityVulnerabilities);
            }
            finally
            {
                omgd.Kill();
                await omgd.WaitForExitAsync();
            }
        }
    }

    private static Task<int> OmgAsync(TestPaths paths, params string[] args) => OmgInAsync(paths, Environment.CurrentDirectory, args);

    private static async Task<int> OmgInAsync(TestPaths paths, string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "omg.dll"), .. args, "--socket", paths.Socket, "--no-autostart"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process omg = Process.Start(start)!;
        Task<string> output = omg.StandardOutput.ReadToEndAsync();
        Task<string> error = omg.StandardError.ReadToEndAsync();
        await omg.WaitForExitAsync();
        await Task.WhenAll(output, error);
        return omg.ExitCode;
    }

    // The old socket file may still answer "connection refused" for a moment after the restart.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
