namespace Omg.Daemon.Hosting;

/// <summary>
/// The command line as omgd reads it. The process switches (<c>--detach</c>, <c>--log-file</c>, <c>--version</c>,
/// <c>--help</c>) are taken out here; the short options (<c>--socket</c>, <c>--root</c>, <c>--data-dir</c>,
/// <c>--sharelib</c>, <c>--module-root</c>) and <c>--Key=Value</c> settings become configuration arguments.
/// Anything else is a usage error: an unknown flag taken as a setting would be ignored silently, and the
/// daemon would then run with, say, the default socket instead of the one asked for.
/// </summary>
internal sealed class DaemonCommandLine
{
    /// <summary>The short options and the configuration keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--socket"] = nameof(DaemonOptions.Socket),
        ["--root"] = nameof(DaemonOptions.Root),
        ["--data-dir"] = nameof(DaemonOptions.DataDir),
        ["--sharelib"] = $"{nameof(DaemonOptions.Modules)}:{nameof(Modules.ModuleOptions.Sharelib)}",
        ["--log-format"] = LogFormat.Key,
    };

    /// <summary>The repeatable option whose values are searched before the configured module roots.</summary>
    public const string ModuleRootOption = "--module-root";

    private static readonly string ModuleRootKey = $"{nameof(DaemonOptions.Modules)}:{nameof(Modules.ModuleOptions.CommandLineRoots)}";

    private DaemonCommandLine(string[] configurationArgs, bool detach, string? logFile, bool version, bool help, string? error)
    {
        ConfigurationArgs = configurationArgs;
        Detach = detach;
        LogFile = logFile;
        ShowVersion = version;
        ShowHelp = help;
        Error = error;
    }

    /// <summary>Arguments left for configuration, each one <c>--Key=Value</c>.</summary>
    public string[] ConfigurationArgs { get; }

    /// <summary>Start a new session (set by clients that auto-start omgd).</summary>
    public bool Detach { get; }

    /// <summary>Send stdout/stderr to this file.</summary>
    public string? LogFile { get; }

    /// <summary>Print the version and exit.</summary>
    public bool ShowVersion { get; }

    /// <summary>Print usage and exit.</summary>
    public bool ShowHelp { get; }

    /// <summary>The first usage error, or null.</summary>
    public string? Error { get; }

    /// <summary>The usage text.</summary>
    public static string Usage => """
        Usage: omgd [--socket PATH] [--root DIR] [--data-dir DIR] [--module-root DIR ...] [--sharelib DIR]
                    [--detach] [--log-file FILE] [--log-format simple|systemd|json] [--Section:Key=Value ...]

          --socket PATH      listen here (default: $OMG_SOCKET, else $XDG_RUNTIME_DIR/omg.sock, else /tmp/omg-UID/omg.sock)
          --root DIR         filesystem root the package backends read, like dpkg --root (default /)
          --data-dir DIR     advisory data and caches (default $XDG_DATA_HOME/omg)
          --module-root DIR  search DIR for modules first (repeatable; then Modules:Roots, $OMG_MODULE_PATH,
                             /usr/share/sysinspect/modules)
          --sharelib DIR     SysInspect sharelib holding the py3 modules (default: Modules:Sharelib, else
                             $OMG_SHARELIB, else /usr/share/sysinspect)
          --detach           start a new session (used by clients that auto-start omgd)
          --log-file FILE    append stdout/stderr to FILE
          --log-format F     simple (one line of text), systemd (the journal's) or json (one object a line);
                             = Logging:Console:FormatterName (default: systemd under systemd, else simple)
          --Limits:MaxConnections=N ...  any setting of docs/operations.md
          --version          print omgd's version
          --help, -h         print this text
        """;

    /// <summary>Splits the process switches from the configuration arguments, refusing what omgd does not know.</summary>
    public static DaemonCommandLine Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>(args.Count);
        bool detach = false, version = false, help = false;
        string? logFile = null;
        string? error = null;
        int moduleRoots = 0;
        for (int i = 0; i < args.Count && error is null; i++)
        {
            string arg = args[i];
            if (arg is "-h")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                error = arg.StartsWith('-') ? $"unknown option '{arg}'" : $"unexpected argument '{arg}'";
                continue;
            }

            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? arg : arg[..equals];
            string? inlineValue = equals < 0 ? null : arg[(equals + 1)..];
            switch (name)
            {
                case "--detach" or "--version" or "--help":
                    if (inlineValue is not null)
                    {
                        error = $"{name} takes no value";
                    }

                    detach |= name is "--detach";
                    version |= name is "--version";
                    help |= name is "--help";
                    break;
                case "--log-file":
                    logFile = TakeValue(args, ref i, name, inlineValue, ref error);
                    break;
                case ModuleRootOption:
                    if (TakeValue(args, ref i, name, inlineValue, ref error) is { } root)
                    {
                        rest.Add($"--{ModuleRootKey}:{moduleRoots++}={root}");
                    }

                    break;
                default:
                    string key = SwitchMappings.TryGetValue(name, out string? mapped) ? mapped : name[2..];
                    if (!SwitchMappings.ContainsKey(name) && !key.Contains(':', StringComparison.Ordinal) && !ConfigurationKeys.IsTopLevel(key))
                    {
                        // Checked before a value is taken, so `--frob PATH` names --frob, not PATH.
                        error = $"unknown option '{name}'";
                    }
                    else if (TakeValue(args, ref i, name, inlineValue, ref error) is { } value)
                    {
                        error = ConfigurationKeys.Check(name, key, value);
                        rest.Add($"--{key}={value}");
                    }

                    break;
            }
        }

        return new DaemonCommandLine([.. rest], detach, logFile, version, help, error);
    }

    // A value is the text after '=', else the next argument unless that is another option.
    private static string? TakeValue(IReadOnlyList<string> args, ref int i, string name, string? inlineValue, ref string? error)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }

        if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return args[++i];
        }

        error = $"{name} needs a value";
        return null;
    }
}
