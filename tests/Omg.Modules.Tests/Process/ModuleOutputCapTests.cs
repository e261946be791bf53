using Omg.Modules.Process;
using Omg.Tests.Shared;

namespace Omg.Modules.Tests.Process;

/// <summary>
/// A module writing far past its caps is killed, and what omgd allocates to read it stays within the cap: the bytes over
/// it are drained through one reused buffer, never kept. Allocation is counted process-wide
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>), so these tests run alone (<see cref="AllocationCollection"/>).
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class ModuleOutputCapTests : IDisposable
{
    private const int StdoutCap = 16 << 20;

    // What a run allocates besides the kept bytes: the process and its pipes, the tasks, the read buffers of 64 KiB at
    // most, a few hundred bytes per read of the pipe, and whatever the test host allocates meanwhile. Measured at 1.3-1.5 MiB
    // (17.4-17.5 MiB in all for the 16 MiB cap; 48.8 MiB before the reader kept its chunks); a buffer that kept or copied
    // what it read would be at least another cap's worth.
    private const long Slack = 4 << 20;

    private readonly TestPaths _paths = new();

    public void Dispose() => _paths.Dispose();

    [Fact]
    public async Task A_module_writing_300_MiB_to_stdout_is_killed_and_never_costs_more_than_the_cap()
    {
        string module = Script("head -c 314572800 /dev/zero\n");
        (ModuleRun run, long allocated) = await MeasureAsync(module);
        Assert.True(run.OverCap, $"not over the cap: exit {run.ExitCode}, {run.Stdout.Length} bytes");
        Assert.True(allocated <= StdoutCap + Slack, $"allocated {allocated / 1048576.0:0.0} MiB reading it, the cap is {StdoutCap >> 20} MiB");
        Assert.Null(run.ExitCode);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task A_module_writing_10_MiB_to_stderr_is_killed_at_its_1_MiB_cap_before_it_answers()
    {
        string marker = Path.Combine(_paths.Directory, "answered");
        // The answer comes after the flood: the module must not get that far.
        string module = Script($"head -c 10485760 /dev/zero >&2\ntouch {marker}\necho '{{\"retcode\": 0, \"message\": \"ok\"}}'\n");
        (ModuleRun run, long allocated) = await MeasureAsync(module);
        Assert.True(run.StderrOverCap, $"not over the stderr cap: exit {run.ExitCode}, stderr {run.Stderr.Length} chars");
        Assert.False(run.OverCap);
        Assert.Null(run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.False(File.Exists(marker), "the module ran on past its stderr cap");
        // The first MiB is kept for the log (as text: up to 2 bytes a character, 2 MiB), nothing past it.
        Assert.Equal(ModuleProcess.MaxStderrBytes, run.Stderr.Length);
        Assert.True(allocated <= 3L * ModuleProcess.MaxStderrBytes + Slack, $"allocated {allocated / 1048576.0:0.0} MiB reading it");
    }

    [Fact]
    public async Task Output_up_to_the_cap_is_kept_whole()
    {
        string module = Script($"head -c {StdoutCap} /dev/zero\nhead -c {ModuleProcess.MaxStderrBytes} /dev/zero >&2\n");
        ModuleRun run = await ModuleProcess.RunAsync([module], _paths.Directory, "{}"u8.ToArray(), TimeSpan.FromMinutes(2), StdoutCap, new Dictionary<string, string>(), CancellationToken.None);
        Assert.False(run.OverCap || run.StderrOverCap);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(StdoutCap, run.Stdout.Length);
        Assert.Equal(ModuleProcess.MaxStderrBytes, run.Stderr.Length);
    }

    private async Task<(ModuleRun Run, long Allocated)> MeasureAsync(string module)
    {
        // A first run JITs the path, so the measured one counts the run's own allocations only.
        await ModuleProcess.RunAsync([Script("echo '{}'\n")], _paths.Directory, "{}"u8.ToArray(), TimeSpan.FromMinutes(2), StdoutCap, new Dictionary<string, string>(), CancellationToken.None);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        ModuleRun run = await ModuleProcess.RunAsync([module], _paths.Directory, "{}"u8.ToArray(), TimeSpan.FromMinutes(2), StdoutCap, new Dictionary<string, string>(), CancellationToken.None);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (run, allocated);
    }

    private string Script(string body)
    {
        string path = Path.Combine(_paths.Directory, "m" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
