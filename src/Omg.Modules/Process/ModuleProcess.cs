using System.Diagnostics;
using System.Text;

namespace Omg.Modules.Process;

/// <summary>
/// Runs one module executable: argv only (no shell), the request written to stdin while stdout and stderr are
/// drained at the same time (SysInspect writes first and reads after, which deadlocks on a module that answers
/// before it has read everything), a module that never reads stdin tolerated, the whole process group killed on
/// timeout, cancellation, or stdout or stderr over its cap.
/// </summary>
public static class ModuleProcess
{
    /// <summary>The most of a module's stderr that is kept (for the log); a module writing more is killed.</summary>
    public const int MaxStderrBytes = 1 << 20;

    /// <summary>Runs <paramref name="moduleArgv"/> (the program, then its arguments; in a process group of its own, see PosixSpawn) in <paramref name="workingDirectory"/> with <paramref name="stdin"/> as its input.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The module could not be started; the message names it and says why.</exception>
    public static async Task<ModuleRun> RunAsync(IReadOnlyList<string> moduleArgv, string workingDirectory, byte[] stdin, TimeSpan timeout, int maxOutputBytes, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        // A clean environment: the module sees what it needs to run and what configuration adds, not omgd's own.
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in new[] { "PATH", "HOME", "LANG" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                variables[name] = value;
            }
        }

        foreach ((string name, string value) in environment)
        {
            variables[name] = value;
        }

        long started = Stopwatch.GetTimestamp();
        using SpawnedModule process = PosixSpawn.Start(moduleArgv, workingDirectory, variables);
        using var overCap = new CancellationTokenSource();
        int pid = process.Pid;

        // Killed from the reader, before it reads on: a module must not get further, an answer after a flood of
        // stderr included, while the wait below wakes up to do the killing.
        void KillOverCap()
        {
            ProcessGroup.Kill(pid);
            overCap.Cancel();
        }

        Task<CappedOutput> stdout = CappedOutput.DrainAsync(process.Stdout, maxOutputBytes, keepHead: false, KillOverCap);
        Task<CappedOutput> stderr = CappedOutput.DrainAsync(process.Stderr, MaxStderrBytes, keepHead: true, KillOverCap);
        Task writing = WriteAsync(process.Stdin, stdin);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, overCap.Token);
        deadline.CancelAfter(timeout);
        bool killed = false;
        int exitCode;
        try
        {
            exitCode = await process.Exited.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            killed = true;
            KillTree(pid);
            ProcessGroup.Kill(pid);
            exitCode = await process.Exited.ConfigureAwait(false);
        }

        // The module is done when it exits; the rest of its group was killed at its exit (SpawnedModule), so nothing
        // holds the output pipes open now.
        await writing.ConfigureAwait(false);
        CappedOutput output = await stdout.ConfigureAwait(false);
        CappedOutput errors = await stderr.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        // A module killed for one cap may have filled its other pipe's share meanwhile; the call failed either way.
        bool overAnyCap = output.Over || errors.Over;
        return new ModuleRun(
            killed || overAnyCap ? null : exitCode,
            output.ToArray(),
            Encoding.UTF8.GetString(errors.ToArray()),
            TimedOut: killed && !overAnyCap,
            OverCap: output.Over,
            Stopwatch.GetElapsedTime(started))
        {
            StderrOverCap = errors.Over,
        };
    }

    // The module's descendants by parentage as well as its group: a child that made a session of its own has left the
    // group but is still found below the module while the module lives.
    private static void KillTree(int pid)
    {
        try
        {
            using var module = System.Diagnostics.Process.GetProcessById(pid);
            module.Kill(entireProcessTree: true);
        }
        catch (Exception gone) when (gone is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    // A module may exit without reading its input: the broken pipe that leaves is not a failure.
    private static async Task WriteAsync(Stream input, byte[] data)
    {
        try
        {
            await input.WriteAsync(data).ConfigureAwait(false);
            await input.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
        }
        finally
        {
            try
            {
                input.Dispose();
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>What a module run left.</summary>
/// <param name="ExitCode">The exit code, null when omgd killed it.</param>
/// <param name="Stdout">Its output (up to the cap).</param>
/// <param name="Stderr">Its error output (up to 1 MiB), for the log.</param>
/// <param name="TimedOut">Killed at the timeout or on cancellation.</param>
/// <param name="OverCap">Killed for writing more than the output cap to stdout.</param>
/// <param name="Duration">From start to exit.</param>
public sealed record ModuleRun(int? ExitCode, byte[] Stdout, string Stderr, bool TimedOut, bool OverCap, TimeSpan Duration)
{
    /// <summary>Killed for writing more than <see cref="ModuleProcess.MaxStderrBytes"/> to stderr.</summary>
    public bool StderrOverCap { get; init; }
}
