using System.Diagnostics;

namespace Omg.Client.Tests;

/// <summary>
/// The python stand-in for omgd (TestPeer/fake_omgd.py) as a started program: it sets OMG_DAEMON and a
/// private XDG_STATE_HOME for the test, counts the daemons started, and kills them afterwards.
/// </summary>
internal sealed class FakeDaemonScript : IDisposable
{
    // Inherited by daemons the CLI starts, which takes no extra daemon arguments.
    private const string StartsVariable = "FAKE_OMGD_STARTS";

    private readonly string? _previousDaemon = Environment.GetEnvironmentVariable(DaemonLocator.DaemonVariable);
    private readonly string? _previousState = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
    private readonly string? _previousStarts = Environment.GetEnvironmentVariable(StartsVariable);

    public FakeDaemonScript()
    {
        ScriptPath = Path.Combine(AppContext.BaseDirectory, "TestPeer", "fake_omgd.py");
        if (!OperatingSystem.IsWindows())
        {
            // The build copies the script without its executable bit.
            File.SetUnixFileMode(ScriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        SocketPath = TestDaemon.NewSocketPath();
        string dir = Path.GetDirectoryName(SocketPath)!;
        StartsFile = Path.Combine(dir, "starts");
        StateHome = Path.Combine(dir, "state");
        Environment.SetEnvironmentVariable(DaemonLocator.DaemonVariable, ScriptPath);
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", StateHome);
        Environment.SetEnvironmentVariable(StartsVariable, StartsFile);
    }

    public string ScriptPath { get; }

    public string SocketPath { get; }

    public string StartsFile { get; }

    public string StateHome { get; }

    public string LogFile => Path.Combine(StateHome, "omg", "omgd.log");

    public IReadOnlyList<int> StartedPids => File.Exists(StartsFile)
        ? File.ReadAllLines(StartsFile).Where(l => l.Length > 0).Select(int.Parse).ToArray()
        : [];

    public OmgClientOptions Options(params string[] extraArguments) => new()
    {
        SocketPath = SocketPath,
        AutoStart = true,
        DaemonArguments = extraArguments,
        StartTimeout = TimeSpan.FromSeconds(8),
    };

    public void Dispose()
    {
        foreach (int pid in StartedPids)
        {
            try
            {
                using Process process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        Environment.SetEnvironmentVariable(DaemonLocator.DaemonVariable, _previousDaemon);
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", _previousState);
        Environment.SetEnvironmentVariable(StartsVariable, _previousStarts);
    }
}
