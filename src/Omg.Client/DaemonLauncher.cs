using System.Diagnostics;
using Omg.Protocol.Platform;

namespace Omg.Client;

/// <summary>
/// Starts omgd for a socket when nobody serves it. A lock file next to the socket makes racing clients
/// start one daemon between them: the loser of the race finds the winner's daemon answering.
/// </summary>
public sealed class DaemonLauncher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly OmgClientOptions _options;

    /// <summary>Creates a launcher that uses the daemon path, arguments and start timeout of <paramref name="options"/>.</summary>
    public DaemonLauncher(OmgClientOptions options) => _options = options;

    /// <summary>Where an auto-started omgd writes its log.</summary>
    public static string LogPath => Path.Combine(OmgPaths.StateDirectory, "omgd.log");

    /// <summary>Makes sure omgd answers on <paramref name="socketPath"/>, starting it when it does not.</summary>
    /// <returns>True when this call started omgd; false when it was already running.</returns>
    /// <exception cref="OmgDaemonUnavailableException">omgd could not be found or did not answer within the start timeout.</exception>
    public async Task<bool> EnsureRunningAsync(string socketPath, CancellationToken cancellationToken = default)
    {
        TimeSpan probeTimeout = TimeSpan.FromSeconds(1);
        if (await DaemonProbe.PingAsync(socketPath, probeTimeout, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var clock = Stopwatch.StartNew();
        string lockPath = OmgPaths.LockFileFor(socketPath);
        try
        {
            string? directory = Path.GetDirectoryName(lockPath);
            if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            {
                OmgPaths.EnsurePrivateDirectory(directory);
            }

            Directory.CreateDirectory(OmgPaths.StateDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OmgDaemonUnavailableException(socketPath, $"omgd is not running on {socketPath} and cannot be started: {ex.Message}", innerException: ex);
        }

        using FileStream held = await AcquireLockAsync(socketPath, lockPath, clock, cancellationToken).ConfigureAwait(false);

        // Whoever held the lock before us may have started the daemon already.
        if (await DaemonProbe.PingAsync(socketPath, probeTimeout, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await StartAsync(socketPath, clock, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<FileStream> AcquireLockAsync(string socketPath, string lockPath, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // FileShare.None is an flock(LOCK_EX) on Unix: exclusive across processes, and released
                // by the kernel if this process dies holding it.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < _options.StartTimeout)
            {
                await Task.Delay(PollInterval / 2, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new OmgDaemonUnavailableException(socketPath, $"omgd is not running on {socketPath}, and another client held the start lock {lockPath} for over {_options.StartTimeout.TotalSeconds:0.#} s", LogTail.Read(LogPath), ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new OmgDaemonUnavailableException(socketPath, $"omgd is not running on {socketPath}, and its start lock {lockPath} cannot be opened: {ex.Message}", innerException: ex);
            }
        }
    }

    private async Task StartAsync(string socketPath, Stopwatch clock, CancellationToken cancellationToken)
    {
        DaemonCommand command;
        try
        {
            command = DaemonLocator.Locate(_options.DaemonPath)
                ?? throw new FileNotFoundException("omgd was not found: set OMG_DAEMON to its path, or put it next to omg or on PATH", "omgd");
        }
        catch (FileNotFoundException ex)
        {
            throw new OmgDaemonUnavailableException(socketPath, $"omgd is not running on {socketPath} and cannot be started: {ex.Message}", innerException: ex);
        }

        var start = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            // Pipes, not the caller's terminal: omgd leaves them for its log file once it has parsed
            // --log-file, and until then anything it prints is kept for the error message.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (string argument in command.LeadingArguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string argument in new[] { "--socket", socketPath, "--detach", "--log-file", LogPath })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string argument in _options.DaemonArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var early = new BoundedLines(40);
        using Process process = new() { StartInfo = start };
        process.OutputDataReceived += (_, e) => early.Add(e.Data);
        process.ErrorDataReceived += (_, e) => early.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            throw new OmgDaemonUnavailableException(socketPath, $"omgd is not running on {socketPath}, and starting '{command}' failed: {ex.Message}", innerException: ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        while (clock.Elapsed < _options.StartTimeout)
        {
            if (await DaemonProbe.PingAsync(socketPath, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // A non-zero exit is a failed start; exit code 0 may be a daemon that forked, so keep polling.
            if (process.HasExited && process.ExitCode != 0)
            {
                throw Failed(socketPath, command, $"omgd exited with code {process.ExitCode}", early);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        throw Failed(socketPath, command, $"omgd did not answer Ping within {_options.StartTimeout.TotalSeconds:0.#} s", early);
    }

    private static OmgDaemonUnavailableException Failed(string socketPath, DaemonCommand command, string what, BoundedLines early)
    {
        string output = early.ToString();
        string detail = output.Length == 0 ? string.Empty : $"{Environment.NewLine}Its output:{Environment.NewLine}{output}";
        return new OmgDaemonUnavailableException(socketPath, $"omgd is not running on {socketPath}; started '{command}' but {what} (log: {LogPath}).{detail}", LogTail.Read(LogPath));
    }
}
