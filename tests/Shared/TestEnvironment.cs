using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Omg.Tests.Shared;

/// <summary>
/// Gives every test process a private set of XDG directories and a private TMPDIR, created when the assembly
/// loads and deleted when the process ends, so that no test (and no omgd a test starts, which inherits the
/// environment) writes to the user's real <c>~/.local/state/omg/omgd.log</c>, data or runtime directory, or
/// leaves temporary folders behind. An inherited <c>OMG_SOCKET</c> is dropped for the same reason.
/// </summary>
internal static class TestEnvironment
{
    private static readonly (string Variable, string Folder)[] Folders =
    [
        ("XDG_STATE_HOME", "state"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"), ("XDG_RUNTIME_DIR", "run"), ("TMPDIR", "tmp"),
    ];

    /// <summary>The directory that holds them all.</summary>
    public static string Root { get; private set; } = string.Empty;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "A test assembly's process-wide environment must be set before any test runs.")]
    internal static void Isolate()
    {
        // Short and under /tmp: sockets inside it must stay under the 108-byte sun_path limit.
        Root = Path.Combine("/tmp", $"omgrun-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        foreach ((string variable, string folder) in Folders)
        {
            string path = Path.Combine(Root, folder);
            Directory.CreateDirectory(path);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Environment.SetEnvironmentVariable(variable, path);
        }

        Environment.SetEnvironmentVariable("OMG_SOCKET", null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A daemon a test left running may still hold a file; the folder is private and under /tmp.
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
    }
}
