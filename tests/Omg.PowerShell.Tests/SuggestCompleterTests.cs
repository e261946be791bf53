using Omg.PowerShell.Tests.Support;

namespace Omg.PowerShell.Tests;

public sealed class SuggestCompleterTests
{
    [Fact]
    public async Task Completes_from_a_real_daemon_with_prefix_matches_first()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        // The shared completer's timeout is for a warm prompt; a test host's first call pays JIT too.
        var completer = new SuggestCompleter(FetchAsync, TimeSpan.FromSeconds(10));

        // The fixture root's vi* names, as omgd's Suggest ranks them: the exact name, then the rest by closeness.
        string[] expected = ["vim", "vim-tiny", "vim-common", "vim-runtime", "vim-gtk3"];
        Assert.Equal(expected, completer.Complete(daemon.Socket, "vi"));
        Assert.Equal(expected, completer.Complete(daemon.Socket, "'vim"));

        static async Task<IReadOnlyList<string>> FetchAsync(string? socket, string word, CancellationToken ct)
        {
            await using var client = new Omg.Client.OmgClient(new Omg.Client.OmgClientOptions { SocketPath = socket, AutoStart = false });
            return await client.SuggestAsync(word, SuggestCompleter.SuggestLimit, ct);
        }
    }

    [Fact]
    public void The_shared_completer_gives_nothing_when_no_daemon_answers()
    {
        // No daemon and no auto-start: an empty answer, not an exception at the prompt.
        Assert.Empty(SuggestCompleter.Shared.Complete("/tmp/omgps-none/omg.sock", "vim"));
    }

    [Fact]
    public void A_slow_daemon_is_abandoned_at_the_timeout()
    {
        // A daemon that ignores cancellation: only the completer's own wait bounds the prompt. The answer is
        // released only after Complete has returned, so Complete cannot have waited for it.
        var answer = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var completer = new SuggestCompleter((_, _, _) => answer.Task, TimeSpan.FromMilliseconds(100));
        try
        {
            Assert.Empty(completer.Complete(null, "vim"));
            Assert.False(answer.Task.IsCompleted);
        }
        finally
        {
            answer.SetResult(["late"]);
        }
    }

    [Fact]
    public void Failures_never_escape()
    {
        var throwing = new SuggestCompleter((_, _, _) => throw new InvalidOperationException("sync"));
        var faulted = new SuggestCompleter((_, _, _) => Task.FromException<IReadOnlyList<string>>(new IOException("async")));
        Assert.Empty(throwing.Complete(null, "vim"));
        Assert.Empty(faulted.Complete(null, "vim"));
    }

    [Fact]
    public void Answers_are_cached_per_socket_and_word()
    {
        int calls = 0;
        var completer = new SuggestCompleter((_, word, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult<IReadOnlyList<string>>([word + "x"]);
        });

        Assert.Equal(["vimx"], completer.Complete("/a", "vim"));
        Assert.Equal(["vimx"], completer.Complete("/a", "vim"));
        Assert.Equal(1, calls);
        completer.Complete("/b", "vim");
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Empty_words_and_wildcards_ask_nothing()
    {
        int calls = 0;
        var completer = new SuggestCompleter((_, _, _) =>
        {
            calls++;
            return Task.FromResult<IReadOnlyList<string>>(["x"]);
        });

        Assert.Empty(completer.Complete(null, ""));
        Assert.Empty(completer.Complete(null, "  "));
        Assert.Empty(completer.Complete(null, "vi*"));
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Prefix_matches_come_first_keeping_the_daemons_order()
    {
        Assert.Equal(["vim", "Vim-tiny", "gvim", "neovim"], SuggestCompleter.Order("vim", ["gvim", "vim", "neovim", "Vim-tiny", "vim"]));
    }
}
