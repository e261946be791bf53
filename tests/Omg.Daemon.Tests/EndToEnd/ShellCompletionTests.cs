using System.Diagnostics;
using Omg.Daemon.Tests.Support;
using Omg.Packages.Tests.Debian;
using Omg.Tests.Shared;

namespace Omg.Daemon.Tests.EndToEnd;

/// <summary>
/// `omg completion bash` sourced in a real bash, its completion function driven as bash drives it (COMP_WORDS,
/// COMP_CWORD), package names coming from a real omgd over the fixture root.
/// </summary>
public sealed class ShellCompletionTests
{
    [Fact]
    public async Task Bash_completes_verbs_sub_verbs_and_package_names_from_omgd()
    {
        await using BackendDaemon daemon = await BackendDaemon.StartAsync(Fixtures.Root("basic"));
        using var paths = new TestPaths();
        string omg = Path.Combine(paths.Directory, "omg");
        await File.WriteAllTextAsync(omg, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "omg.dll")}' --socket '{daemon.Socket}' --no-autostart \"$@\"\n");
        File.SetUnixFileMode(omg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string script = Path.Combine(paths.Directory, "omg.bash");
        (int exit, string text, _) = await RunAsync(omg, "completion", "bash");
        Assert.Equal(0, exit);
        await File.WriteAllTextAsync(script, text);

        Assert.Equal(["search", "status", "suggest"], (await CompleteAsync(script, omg, "s")).Order(StringComparer.Ordinal));
        Assert.Equal(["start", "status", "stop"], (await CompleteAsync(script, omg, "daemon", "st")).Order(StringComparer.Ordinal));
        Assert.Equal(["bash"], await CompleteAsync(script, omg, "completion", "b"));

        // The fixture root's names that start with what was typed, whatever else Suggest ranked near them.
        Assert.Equal(["openssh-client", "openssl"], (await CompleteAsync(script, omg, "info", "ope")).Order(StringComparer.Ordinal));
        Assert.Equal(["vim", "vim-common", "vim-gtk3", "vim-runtime", "vim-tiny"], (await CompleteAsync(script, omg, "info", "vim")).Order(StringComparer.Ordinal));
        Assert.Equal(["libssl3"], await CompleteAsync(script, omg, "--json", "search", "libss"));
        Assert.Empty(await CompleteAsync(script, omg, "info", "zzzz"));
    }

    [Theory]
    [InlineData("zsh", "bashcompinit")]
    [InlineData("fish", "complete -c omg")]
    public async Task Other_shells_get_their_own_script(string shell, string marker)
    {
        (int exit, string text, _) = await RunAsync("dotnet", Path.Combine(AppContext.BaseDirectory, "omg.dll"), "completion", shell);
        Assert.Equal(0, exit);
        Assert.Contains(marker, text, StringComparison.Ordinal);
        Assert.Contains("suggest --limit 50", text, StringComparison.Ordinal);
    }

    private static async Task<string[]> CompleteAsync(string script, string omg, params string[] words)
    {
        string array = string.Join(' ', new[] { omg }.Concat(words).Select(w => "'" + w + "'"));
        string body = $"source '{script}'; COMP_WORDS=({array}); COMP_CWORD={words.Length}; _omg_complete; printf '%s\\n' \"${{COMPREPLY[@]}}\"";
        (int exit, string output, string error) = await RunAsync("bash", "--norc", "-c", body);
        Assert.True(exit == 0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<(int, string, string)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
