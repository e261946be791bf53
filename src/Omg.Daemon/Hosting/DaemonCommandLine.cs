namespace Omg.Daemon.Hosting;

/// <summary>
/// The command line as omgd reads it: the process switches (<c>--detach</c>, <c>--log-file</c>,
/// <c>--version</c>, <c>--help</c>) are taken out here; everything else goes to configuration, where
/// <c>--socket</c>, <c>--root</c> and <c>--data-dir</c> are short forms of the option keys.
/// </summary>
internal sealed class DaemonCommandLine
{
    /// <summary>The short switches and the configuration keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--socket"] = nameof(DaemonOptions.Socket),
        ["--root"] = nameof(DaemonOptions.Root),
        ["--data-dir"] = nameof(DaemonOptions.DataDir),
    };

    private DaemonCommandLine(string[] configurationArgs, bool detach, string? logFile, bool version, bool help, string? error)
    {
        ConfigurationArgs = configurationArgs;
        Detach = detach;
        LogFile = logFile;
        ShowVersion = version;
        ShowHelp = help;
        Error = error;
    }

    /// <summary>Arguments left for configuration.</summary>
    public string[] ConfigurationArgs { get; }

    /// <summary>Start a new session (set by clients that auto-start omgd).</summary>
    public bool Detach { get; }

    /// <summary>Send stdout/stderr to this file.</summary>
    public string? LogFile { get; }

    /// <summary>Print the version and exit.</summary>
    public bool ShowVersion { get; }

    /// <summary>Print usage and exit.</summary>
    public bool ShowHelp { get; }

    /// <summary>A usage error, or null.</summary>
    public string? Error { get; }

    /// <summary>The usage text.</summary>
    public static string Usage => """
        Usage: omgd [--socket PATH] [--root DIR] [--data-dir DIR] [--detach] [--log-file FILE] [--Key=Value ...]

          --socket PATH    listen here (default: $OMG_SOCKET, else $XDG_RUNTIME_DIR/omg.sock, else /tmp/omg-UID/omg.sock)
          --root DIR       filesystem root the package backends read, like dpkg --root (default /)
          --data-dir DIR   advisory data and caches (default $XDG_DATA_HOME/omg)
          --detach         start a new session (used by clients that auto-start omgd)
          --log-file FILE  append stdout/stderr to FILE
          --Limits:MaxConnections=N ...  any configuration key (see docs/operations.md)
          --version, --help
        """;

    /// <summary>Splits the process switches from the configuration arguments.</summary>
    public static DaemonCommandLine Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>(args.Count);
        bool detach = false, version = false, help = false;
        string? logFile = null;
        string? error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--detach":
                    detach = true;
                    break;
                case "--version":
                    version = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                case "--log-file":
                    if (i + 1 >= args.Count)
                    {
                        error = "--log-file needs a file name";
                    }
                    else
                    {
                        logFile = args[++i];
                    }

                    break;
                default:
                    if (arg.StartsWith("--log-file=", StringComparison.Ordinal))
                    {
                        logFile = arg["--log-file=".Length..];
                    }
                    else
                    {
                        if (SwitchMappings.ContainsKey(arg) && (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                        {
                            error ??= $"{arg} needs a value";
                        }

                        rest.Add(arg);
                    }

                    break;
            }
        }

        return new DaemonCommandLine([.. rest], detach, logFile, version, help, error);
    }
}
