using System.Diagnostics;
using System.Runtime.Versioning;
using Omg.Protocol.Platform;

namespace Omg.Protocol.Tests.Platform;

/// <summary>
/// The one rule clients and omgd share for the socket, the state directory and private directories. The
/// environment is process-wide, so every case that changes it lives in this one class (xunit runs a class's
/// tests one at a time) and puts back what it found.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OmgPathsTests : IDisposable
{
    private static readonly string[] Variables = [OmgPaths.SocketVariable, "XDG_RUNTIME_DIR", "XDG_STATE_HOME", "HOME"];
    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("omg-paths-");

    public void Dispose()
    {
        foreach ((string name, string? value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _scratch.Delete(recursive: true);
    }

    [Fact]
    public void An_explicit_path_wins_and_is_made_absolute()
    {
        Environment.SetEnvironmentVariable(OmgPaths.SocketVariable, "/tmp/from-env.sock");
        Assert.Equal("/srv/omg.sock", OmgPaths.ResolveSocket("/srv/omg.sock"));
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "rel.sock"), OmgPaths.ResolveSocket("rel.sock"));
    }

    [Fact]
    public void OMG_SOCKET_comes_before_the_runtime_directory()
    {
        Environment.SetEnvironmentVariable("XDG_RUNTIME_DIR", _scratch.FullName);
        Environment.SetEnvironmentVariable(OmgPaths.SocketVariable, "/tmp/from-env.sock");
        Assert.Equal("/tmp/from-env.sock", OmgPaths.ResolveSocket());
        Assert.Equal("/tmp/from-env.sock", OmgPaths.ResolveSocket(string.Empty));
    }

    [Fact]
    public void The_runtime_directory_holds_the_default_socket()
    {
        Environment.SetEnvironmentVariable(OmgPaths.SocketVariable, null);
        Environment.SetEnvironmentVariable("XDG_RUNTIME_DIR", _scratch.FullName);
        Assert.Equal(Path.Combine(_scratch.FullName, "omg.sock"), OmgPaths.ResolveSocket());
    }

    [Fact]
    public void A_missing_runtime_directory_falls_back_to_a_per_uid_directory()
    {
        Environment.SetEnvironmentVariable(OmgPaths.SocketVariable, null);
        Environment.SetEnvironmentVariable("XDG_RUNTIME_DIR", Path.Combine(_scratch.FullName, "gone"));
        string uid = Run("id", "-u");
        Assert.Equal(Path.Combine(Path.GetTempPath(), "omg-" + uid, "omg.sock"), OmgPaths.ResolveSocket());
        Assert.Equal(uint.Parse(uid, System.Globalization.CultureInfo.InvariantCulture), OmgPaths.CurrentUid);
    }

    [Fact]
    public void The_state_directory_follows_XDG_STATE_HOME_else_HOME()
    {
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", "/var/tmp/state");
        Assert.Equal("/var/tmp/state/omg", OmgPaths.StateDirectory);
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", null);
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "omg"), OmgPaths.StateDirectory);
    }

    [Fact]
    public void The_lock_file_sits_beside_the_socket()
    {
        Assert.Equal("/run/user/7/omg.sock.lock", OmgPaths.LockFileFor("/run/user/7/omg.sock"));
    }

    [Fact]
    public void A_private_directory_is_created_0700_and_an_open_one_is_closed()
    {
        string created = Path.Combine(_scratch.FullName, "new");
        OmgPaths.EnsurePrivateDirectory(created);
        Assert.Equal("700", Run("stat", "-c", "%a", created));

        string open = Path.Combine(_scratch.FullName, "open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)0b111_101_101);
        OmgPaths.EnsurePrivateDirectory(open);
        Assert.Equal("700", Run("stat", "-c", "%a", open));
    }

    [SkippableFact]
    public void A_directory_another_user_owns_is_refused_and_left_as_it_was()
    {
        // Only root can hand a directory to another uid (chown), and root's chmod succeeds on anyone's: the
        // refusal must come from the owner, not from chmod failing.
        Skip.IfNot(OmgPaths.CurrentUid == 0, "giving a directory to another uid needs root (chown); this run is not root");
        string theirs = Path.Combine(_scratch.FullName, "theirs");
        Directory.CreateDirectory(theirs);
        File.SetUnixFileMode(theirs, (UnixFileMode)0b111_111_111);
        Run("chown", "65534:65534", theirs);

        IOException refused = Assert.Throws<IOException>(() => OmgPaths.EnsurePrivateDirectory(theirs));
        Assert.Contains("belongs to another user", refused.Message, StringComparison.Ordinal);
        Assert.Equal("777 65534", Run("stat", "-c", "%a %u", theirs));
    }

    private static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
