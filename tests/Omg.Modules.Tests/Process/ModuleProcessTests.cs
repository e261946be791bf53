using Omg.Modules.Process;
using Omg.Tests.Shared;

namespace Omg.Modules.Tests.Process;

/// <summary>Module processes run in a group of their own, and the whole group goes when the module does.</summary>
public sealed class ModuleProcessTests : IDisposable
{
    private readonly TestPaths _paths = new();

    public void Dispose() => _paths.Dispose();

    [Fact]
    public async Task A_module_starts_with_no_signal_ignored_or_blocked()
    {
        // omgd's runtime ignores SIGPIPE; a module inheriting that would not die writing to a closed pipe, as a
        // program started from a shell does. /proc/<pid>/status: SigBlk and SigIgn are hexadecimal masks. Read by grep
        // exec'd in the module's place, which keeps both masks: the shell itself blocks every signal while it waits for
        // a child (dash's waitproc), so its own status, read from a child, would show that instead.
        string module = Script("exec grep -E '^Sig(Blk|Ign):' /proc/self/status");
        ModuleRun run = await RunAsync(module, TimeSpan.FromSeconds(20));
        string[] lines = System.Text.Encoding.UTF8.GetString(run.Stdout).Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal(0UL, Mask(lines[0], "SigBlk:"));
        // The standard signals 1-31 only: glibc's posix_spawn itself sets its two internal real-time signals (32 and 33,
        // NPTL's cancel and setxid) to ignored in every child it starts, and the C library of the exec'd program takes
        // them over again.
        Assert.Equal(0UL, Mask(lines[1], "SigIgn:") & 0x7fffffffUL);

        static ulong Mask(string line, string name)
        {
            Assert.StartsWith(name, line, StringComparison.Ordinal);
            return ulong.Parse(line[name.Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public async Task A_file_that_is_executable_but_no_program_is_refused_naming_it()
    {
        string path = Path.Combine(_paths.Directory, "notaprogram");
        File.WriteAllText(path, "echo this has no #! line\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var refused = await Assert.ThrowsAsync<System.ComponentModel.Win32Exception>(() => RunAsync(path, TimeSpan.FromSeconds(20)));
        Assert.Contains(path, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Exec format error", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_module_gets_exactly_the_environment_it_is_given()
    {
        string module = Script("env | sort");
        ModuleRun run = await ModuleProcess.RunAsync([module], _paths.Directory, [], TimeSpan.FromSeconds(20), 1 << 20, new Dictionary<string, string> { ["OMG_TEST_X"] = "1 2" }, CancellationToken.None);
        string[] names = System.Text.Encoding.UTF8.GetString(run.Stdout).Trim().Split('\n').Select(l => l.Split('=')[0]).ToArray();
        // sh adds PWD (and may add SHLVL, _); the rest is what omgd passes: PATH, HOME, LANG where set, and the configured ones.
        string[] passed = names.Except(["PWD", "SHLVL", "_", "OLDPWD"]).ToArray();
        Assert.Contains("OMG_TEST_X", passed);
        Assert.Contains("PATH", passed);
        Assert.All(passed, n => Assert.Contains(n, new[] { "PATH", "HOME", "LANG", "OMG_TEST_X" }));
        Assert.Contains("OMG_TEST_X=1 2", System.Text.Encoding.UTF8.GetString(run.Stdout), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_module_starts_in_the_directory_it_is_given_with_its_exit_code_and_signal_reported()
    {
        string here = Path.Combine(_paths.Directory, "cwd");
        Directory.CreateDirectory(here);
        ModuleRun run = await ModuleProcess.RunAsync([Script("pwd; exit 7")], here, [], TimeSpan.FromSeconds(20), 1 << 20, new Dictionary<string, string>(), CancellationToken.None);
        Assert.Equal(here, System.Text.Encoding.UTF8.GetString(run.Stdout).Trim());
        Assert.Equal(7, run.ExitCode);

        ModuleRun killed = await RunAsync(Script("kill -TERM $$"), TimeSpan.FromSeconds(20));
        Assert.Equal(128 + 15, killed.ExitCode);
    }

    [Fact]
    public async Task A_module_is_the_leader_of_its_own_process_group()
    {
        // /proc/<pid>/stat: pid (comm) state ppid pgrp session ...; the module's name has no spaces.
        string module = Script("read -r pid comm state ppid pgrp sid rest < /proc/$$/stat\necho \"$pid $pgrp $sid\"");
        ModuleRun run = await RunAsync(module, TimeSpan.FromSeconds(20));
        string[] ids = System.Text.Encoding.UTF8.GetString(run.Stdout).Trim().Split(' ');
        Assert.Equal(3, ids.Length);
        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(ids[0], ids[2]);
        Assert.NotEqual(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ids[1]);
    }

    [Fact]
    public async Task A_hanging_module_and_the_grandchild_it_forked_are_both_gone_after_the_timeout()
    {
        string pids = Path.Combine(_paths.Directory, "pids");
        string module = Script(DetachedGrandchild(pids));
        ModuleRun run = await RunAsync(module, TimeSpan.FromMilliseconds(800));
        Assert.True(run.TimedOut);
        int[] both = (await File.ReadAllTextAsync(pids)).Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        await AssertGoneAsync(both);
    }

    [Fact]
    public async Task A_module_that_exits_leaving_a_child_on_its_stdout_answers_at_once_and_the_child_goes()
    {
        string pidFile = Path.Combine(_paths.Directory, "child");
        // The child keeps the module's stdout open: without the group kill the call would wait for it until the timeout.
        string module = Script($"sleep 300 &\necho $! > {pidFile}\necho '{{\"retcode\": 0, \"message\": \"ok\"}}'\n");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ModuleRun run = await RunAsync(module, TimeSpan.FromSeconds(60));
        Assert.False(run.TimedOut);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"ok\"", System.Text.Encoding.UTF8.GetString(run.Stdout), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the call took {watch.Elapsed.TotalSeconds:0.0} s");
        await AssertGoneAsync([int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture)]);
    }

    [Fact]
    public async Task Cancellation_kills_the_group()
    {
        string pids = Path.Combine(_paths.Directory, "pids");
        string module = Script(DetachedGrandchild(pids));
        using var cancel = new CancellationTokenSource();
        Task<ModuleRun> running = ModuleProcess.RunAsync([module], _paths.Directory, [], TimeSpan.FromMinutes(5), 1 << 20, new Dictionary<string, string>(), cancel.Token);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(pids) || (await File.ReadAllTextAsync(pids)).Trim().Split(' ').Length < 2)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the module did not start");
            await Task.Delay(20);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await AssertGoneAsync((await File.ReadAllTextAsync(pids)).Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray());
    }

    // A module that writes its pid, starts a grandchild through a subshell that exits at once (so the grandchild is
    // re-parented away from the module's process tree, beyond what walking the tree can find), writes the grandchild's
    // pid after its own, then hangs.
    private static string DetachedGrandchild(string pids) =>
        $"echo $$ > {pids}.m\n( sh -c 'echo $$ > {pids}.g; exec sleep 300' </dev/null >/dev/null 2>&1 & )\n"
        + $"while [ ! -s {pids}.g ]; do sleep 0.05; done\necho \"$(cat {pids}.m) $(cat {pids}.g)\" > {pids}\nsleep 300\n";

    private Task<ModuleRun> RunAsync(string module, TimeSpan timeout) =>
        ModuleProcess.RunAsync([module], _paths.Directory, "{}"u8.ToArray(), timeout, 1 << 20, new Dictionary<string, string>(), CancellationToken.None);

    private string Script(string body)
    {
        string path = Path.Combine(_paths.Directory, "m" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    // Killed processes are reaped by their parent (or init) shortly after; a zombie does not count as running.
    private static async Task AssertGoneAsync(int[] pids)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (pids.Any(ProcessState.IsRunning) && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.All(pids, pid => Assert.False(ProcessState.IsRunning(pid), $"process {pid} still runs"));
    }
}
