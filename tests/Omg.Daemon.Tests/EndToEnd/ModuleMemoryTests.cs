using System.Diagnostics;
using Omg.Daemon.Tests.Support;
using Omg.Protocol;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.EndToEnd;

/// <summary>
/// omgd as its own process reading modules that flood stdout and stderr: the calls fail with MODULE_FAILED, and
/// omgd's peak resident memory (VmHWM) grows by no more than the cap.
/// </summary>
public sealed class ModuleMemoryTests : IAsyncLifetime
{
    private const int StdoutCap = 16 << 20;

    // Peak RSS is pages, not objects: the GC's gen0 budget, heap regions committed ahead and the pages the kernel
    // faults in around them come on top of the kept bytes. Measured: 8-10 MiB of growth for the stdout flood (the GC
    // collects along the way) and 14-16 MiB for both; the reader before CappedOutput, which grew a copy of what it
    // read, grew it by 39-50 MiB.
    private const long Slack = 12 << 20;

    private readonly TestPaths _paths = new();
    private Process? _omgd;

    private string Root => Path.Combine(_paths.Directory, "modules");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Root, "flood"));
        string empty = Path.Combine(_paths.Directory, "empty-root");
        Directory.CreateDirectory(empty);
        Module("flood/small", "cat >/dev/null\necho '{\"retcode\": 0, \"message\": \"small\"}'\n");
        Module("flood/stdout", "cat >/dev/null\nhead -c 314572800 /dev/zero\n");
        Module("flood/stderr", "cat >/dev/null\nhead -c 10485760 /dev/zero >&2\necho '{\"retcode\": 0, \"message\": \"too late\"}'\n");

        // An empty root: the package backend has nothing to index, so the memory measured is the module runtime's.
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "omgd.dll"), "--socket", _paths.Socket, "--root", empty, $"--Modules:Roots:0={Root}", $"--Modules:MaxOutputBytes={StdoutCap}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("OMG_SOCKET");
        _omgd = Process.Start(start)!;
        _omgd.OutputDataReceived += (_, _) => { };
        _omgd.ErrorDataReceived += (_, _) => { };
        _omgd.BeginOutputReadLine();
        _omgd.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!File.Exists(_paths.Socket))
        {
            Assert.False(_omgd.HasExited, $"omgd exited with {(_omgd.HasExited ? _omgd.ExitCode : 0)}");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "omgd did not create its socket");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        if (_omgd is not null)
        {
            _omgd.Kill(entireProcessTree: true);
            await _omgd.WaitForExitAsync();
            _omgd.Dispose();
        }

        _paths.Dispose();
    }

    [Fact]
    public async Task Modules_flooding_stdout_and_stderr_fail_and_omgd_peaks_within_the_cap()
    {
        // Warm: the module path compiled and its buffers' first regions in place before the peak is taken.
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal("small", Assert.IsType<ModuleResult>(Assert.IsType<SuccessResponse>(await CallAsync("flood.small")).Result).Message);
        }

        long before = PeakKiB();
        ErrorResponse stdout = Assert.IsType<ErrorResponse>(await CallAsync("flood.stdout"));
        long afterStdout = PeakKiB();
        ErrorResponse stderr = Assert.IsType<ErrorResponse>(await CallAsync("flood.stderr"));
        long afterStderr = PeakKiB();

        Assert.Equal(ErrorCodes.ModuleFailed, stdout.Code);
        Assert.Contains("output over the cap", stdout.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.ModuleFailed, stderr.Code);
        Assert.Contains("stderr over the cap", stderr.Message, StringComparison.Ordinal);
        Assert.True((afterStdout - before) * 1024 <= StdoutCap + Slack, $"omgd's peak RSS grew by {(afterStdout - before) / 1024.0:0.0} MiB reading 300 MiB, the cap is {StdoutCap >> 20} MiB");
        Assert.True((afterStderr - before) * 1024 <= StdoutCap + Slack, $"omgd's peak RSS grew by {(afterStderr - before) / 1024.0:0.0} MiB after the stderr flood");
    }

    private async Task<Response> CallAsync(string name)
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(_paths.Socket);
        return await connection.CallAsync(new ModuleRequest(1, name, MessagePackJson.Parse("{}")));
    }

    // VmHWM: the process's peak resident set since it started, in KiB.
    private long PeakKiB()
    {
        string line = File.ReadLines($"/proc/{_omgd!.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Module(string relative, string body)
    {
        string path = Path.Combine(Root, relative);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
