using Omg.Protocol;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Client.Tests;

public sealed class OmgClientTests
{
    private static OmgClient ClientFor(TestDaemon daemon, Action<OmgClientOptions>? configure = null)
    {
        var options = new OmgClientOptions { SocketPath = daemon.SocketPath, AutoStart = false, RequestTimeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return new OmgClient(options);
    }

    private static Task<Response?> EchoSuggest(Request request) => Task.FromResult<Response?>(request is SuggestRequest suggest
        ? new SuccessResponse(request.Id, new SuggestResult([suggest.Query]))
        : TestDaemon.Canned(request));

    [Fact]
    public async Task Hundred_concurrent_calls_answered_in_reverse_get_their_own_answers()
    {
        await using var daemon = TestDaemon.Start();
        daemon.Handler = EchoSuggest;
        daemon.HoldAnswers = true;
        await using var client = ClientFor(daemon);

        Task<IReadOnlyList<string>>[] calls = Enumerable.Range(0, 100).Select(i => client.SuggestAsync($"q{i}")).ToArray();
        await Eventually.TrueAsync(() => daemon.HeldCount == 100);
        await daemon.ReleaseHeldAsync(reverse: true);

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal([$"q{i}"], await calls[i]);
        }

        Assert.Equal(1, daemon.Connections);
        Assert.Equal(100, daemon.Received.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Typed_calls_return_the_daemons_results()
    {
        await using var daemon = TestDaemon.Start();
        await using var client = ClientFor(daemon);

        Assert.Equal("pong", await client.PingAsync());
        Assert.Equal("vim", (await client.SearchAsync("vim", 5)).Packages[0].Name);
        Assert.Equal(8UL, (await client.SearchAsync("vim", 5)).Total);
        Assert.Equal("bookworm/main", (await client.InfoAsync("curl")).Repo);
        Assert.Equal(1234UL, (await client.StatusAsync()).TotalPackages);
        Assert.Equal("python", (await client.RuntimesAsync())[0].Name);
        Assert.Equal("0.1.0-test", (await client.MetricsAsync()).Version);
        Assert.Equal(1UL, (await client.SecurityAuditAsync()).HighSeverity);
        Assert.Equal("sys.proc", (await client.ModulesAsync())[0].Name);
        var moduleRequest = MessagePackValue.Map(("arguments", MessagePackValue.Map(("mask", MessagePackValue.From("*.txt")))));
        Assert.Equal(moduleRequest, (await client.RunModuleAsync("sys.proc", moduleRequest)).Data);
        Assert.Equal("/tmp/osv.json", (await client.UpdateAdvisoriesAsync("/tmp/osv.json")).Source);
        Assert.Equal(["vim", "vim-tiny"], await client.SuggestAsync("vmi"));
    }

    [Fact]
    public async Task Error_answers_become_request_exceptions_with_the_code()
    {
        await using var daemon = TestDaemon.Start();
        await using var client = ClientFor(daemon);

        var error = await Assert.ThrowsAsync<OmgRequestException>(() => client.InfoAsync("nosuch"));

        Assert.True(error.IsPackageNotFound);
        Assert.Equal("PACKAGE_NOT_FOUND", error.CodeName);
        Assert.Equal("package 'nosuch' not found", error.RemoteMessage);
        Assert.Contains("PACKAGE_NOT_FOUND", error.Message);
        Assert.Equal(daemon.Received.Last().Id, error.RequestId);
    }

    [Fact]
    public async Task An_error_omgd_could_not_tie_to_a_request_reaches_the_lone_waiting_call_at_once()
    {
        await using var daemon = TestDaemon.Start();
        daemon.Handler = request => Task.FromResult<Response?>(request is SearchRequest
            ? new ErrorResponse(0, ErrorCodes.ParseError, "request frame of 70000 bytes is over the limit")
            : TestDaemon.Canned(request));
        await using var client = ClientFor(daemon);
        Assert.Equal("pong", await client.PingAsync());

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<OmgRequestException>(() => client.SearchAsync("vim"));

        Assert.Equal(ErrorCodes.ParseError, error.Code);
        Assert.Contains("over the limit", error.RemoteMessage, StringComparison.Ordinal);
        Assert.Equal(daemon.Received.Last().Id, error.RequestId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the call waited for its timeout instead");

        // The connection lived on, and the next call is answered normally.
        Assert.Equal("pong", await client.PingAsync());
    }

    [Fact]
    public async Task Calls_on_a_connection_omgd_refuses_get_its_reason_not_a_bare_close()
    {
        await using var daemon = TestDaemon.Start();
        daemon.HoldAnswers = true;
        await using var client = new OmgClient(new OmgClientOptions { SocketPath = daemon.SocketPath, AutoStart = false, RateLimitRetries = 0 });
        Task<SearchResult> first = client.SearchAsync("vim");
        Task<StatusResult> second = client.StatusAsync();
        await Eventually.TrueAsync(() => daemon.HeldCount == 2);

        await daemon.RefuseAllAsync(new ErrorResponse(0, ErrorCodes.RateLimited, "too many connections (limit 1); retry after 100 ms"));

        foreach (Task call in new Task[] { first, second })
        {
            var error = await Assert.ThrowsAsync<OmgRequestException>(() => call);
            Assert.Equal(ErrorCodes.RateLimited, error.Code);
            Assert.Contains("too many connections", error.RemoteMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Batch_answers_come_back_in_request_order_with_the_callers_ids()
    {
        await using var daemon = TestDaemon.Start();
        await using var client = ClientFor(daemon);
        Request[] requests = [new InfoRequest(1, "vim"), new InfoRequest(1, "nosuch"), new StatusRequest(77), new InfoRequest(5, "curl")];

        IReadOnlyList<Response> answers = await client.BatchAsync(requests);

        Assert.Equal([1UL, 1UL, 77UL, 5UL], answers.Select(a => a.Id));
        Assert.Equal("vim", Assert.IsType<DetailedPackageInfo>(Assert.IsType<SuccessResponse>(answers[0]).Result).Name);
        Assert.Equal(ErrorCodes.PackageNotFound, Assert.IsType<ErrorResponse>(answers[1]).Code);
        Assert.IsType<StatusResult>(Assert.IsType<SuccessResponse>(answers[2]).Result);
        Assert.Equal("curl", Assert.IsType<DetailedPackageInfo>(Assert.IsType<SuccessResponse>(answers[3]).Result).Name);
        var wire = Assert.IsType<BatchRequest>(Assert.Single(daemon.Received));
        Assert.Equal(5, wire.Requests.Append(wire).Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Batches_over_100_items_are_split_and_kept_in_order()
    {
        await using var daemon = TestDaemon.Start();
        daemon.Handler = EchoSuggest;
        await using var client = ClientFor(daemon);
        Request[] requests = Enumerable.Range(0, 150).Select(i => (Request)new SuggestRequest((ulong)i, $"q{i}")).ToArray();

        IReadOnlyList<Response> answers = await client.BatchAsync(requests);

        Assert.Equal(2, daemon.Received.Count);
        for (int i = 0; i < 150; i++)
        {
            Assert.Equal((ulong)i, answers[i].Id);
            Assert.Equal([$"q{i}"], Assert.IsType<SuggestResult>(Assert.IsType<SuccessResponse>(answers[i]).Result).Names);
        }
    }

    [Fact]
    public async Task A_call_without_answer_times_out_naming_the_request_and_the_timeout()
    {
        await using var daemon = TestDaemon.Start();
        daemon.Handler = request => Task.FromResult(request is SearchRequest ? null : TestDaemon.Canned(request));
        await using var client = ClientFor(daemon, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.SearchAsync("vim"));

        Assert.Contains("Search", timeout.Message);
        Assert.Contains("0.3 s", timeout.Message);
        Assert.Equal("pong", await client.PingAsync());
        Assert.Equal(1, daemon.Connections);
    }

    [Fact]
    public async Task A_cancelled_call_throws_its_late_answer_is_dropped_and_the_connection_still_works()
    {
        await using var daemon = TestDaemon.Start();
        var release = new TaskCompletionSource();
        daemon.Handler = async request =>
        {
            if (request is SearchRequest)
            {
                await release.Task;
            }

            return TestDaemon.Canned(request);
        };
        await using var client = ClientFor(daemon);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SearchAsync("vim", cancellationToken: cancel.Token));
        release.SetResult();
        await Eventually.TrueAsync(() => daemon.Received.Count == 1);

        Assert.Equal("pong", await client.PingAsync());
        Assert.Equal(1234UL, (await client.StatusAsync()).TotalPackages);
        Assert.Equal(1, daemon.Connections);
    }

    [Fact]
    public async Task Rate_limited_calls_are_retried_until_they_succeed()
    {
        await using var daemon = TestDaemon.Start();
        daemon.RateLimitNext(3);
        await using var client = ClientFor(daemon);

        Assert.Equal(1234UL, (await client.StatusAsync()).TotalPackages);
        Assert.Equal(4, daemon.Received.Count);
    }

    [Fact]
    public async Task Rate_limiting_beyond_the_retries_is_reported()
    {
        await using var daemon = TestDaemon.Start();
        daemon.RateLimitNext(100);
        await using var client = ClientFor(daemon, o => o.RateLimitRetries = 2);

        var error = await Assert.ThrowsAsync<OmgRequestException>(() => client.StatusAsync());

        Assert.True(error.IsRateLimited);
        Assert.Equal(3, daemon.Received.Count);
    }

    [Fact]
    public void The_retry_hint_in_the_message_sets_the_delay()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), RateLimitBackoff.Delay(0, "too many requests; retry after 250 ms"));
        Assert.Equal(TimeSpan.FromSeconds(5), RateLimitBackoff.Delay(0, "retry after 999999 ms"));
        Assert.InRange(RateLimitBackoff.Delay(3, "slow down"), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Pending_calls_fail_when_the_daemon_goes_away_and_the_next_call_reconnects()
    {
        string path = TestDaemon.NewSocketPath();
        var first = TestDaemon.Start(path);
        first.Handler = request => Task.FromResult(request is SearchRequest ? null : TestDaemon.Canned(request));
        await using var client = new OmgClient(new OmgClientOptions { SocketPath = path, AutoStart = false });
        Assert.Equal("pong", await client.PingAsync());

        Task<SearchResult> pending = client.SearchAsync("vim");
        await Eventually.TrueAsync(() => first.Received.Count == 2);
        await first.DisposeAsync();
        var lost = await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => pending);
        Assert.Equal(path, lost.SocketPath);

        await using var second = TestDaemon.Start(path);
        Assert.Equal("pong", await client.PingAsync());
        Assert.Equal("vim", (await client.SearchAsync("vim")).Packages[0].Name);
        Assert.Equal(1, second.Connections);
    }

    [Fact]
    public async Task A_dropped_connection_is_replaced_on_the_next_call()
    {
        await using var daemon = TestDaemon.Start();
        await using var client = ClientFor(daemon);
        Assert.Equal("pong", await client.PingAsync());

        daemon.DropConnections();
        await Task.Delay(50);

        Assert.Equal("pong", await client.PingAsync());
        Assert.Equal(2, daemon.Connections);
    }

    [Fact]
    public async Task Without_auto_start_an_absent_daemon_is_reported_with_the_socket()
    {
        string path = TestDaemon.NewSocketPath();
        await using var client = new OmgClient(new OmgClientOptions { SocketPath = path, AutoStart = false });

        var error = await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => client.PingAsync());

        Assert.Equal(path, error.SocketPath);
        Assert.Contains(path, error.Message);
        Assert.Contains("auto-start is off", error.Message);
    }

    [Fact]
    public async Task A_stale_socket_file_is_reported_as_unavailable()
    {
        string path = TestDaemon.NewSocketPath();
        await TestDaemon.Start(path).DisposeAsync();
        File.WriteAllText(path, string.Empty);
        await using var client = new OmgClient(new OmgClientOptions { SocketPath = path, AutoStart = false });

        var error = await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => client.StatusAsync());

        Assert.Contains(path, error.Message);
        Assert.Contains("connection refused", error.Message);
    }

    [Fact]
    public async Task A_call_right_after_the_daemon_dropped_the_connection_is_sent_again_on_a_new_one()
    {
        await using var daemon = TestDaemon.Start();
        await using var client = ClientFor(daemon);

        for (int i = 1; i <= 10; i++)
        {
            Assert.Equal("pong", await client.PingAsync());
            daemon.DropConnections();

            // No pause: whether the reader has seen the end yet or the write finds the socket dead,
            // the call must land on a new connection.
            Assert.Equal(1234UL, (await client.StatusAsync()).TotalPackages);
        }

        Assert.Equal(11, daemon.Connections);
    }

    [Fact]
    public async Task Closing_the_client_fails_the_calls_in_flight()
    {
        await using var daemon = TestDaemon.Start();
        daemon.Handler = request => Task.FromResult(request is SearchRequest ? null : TestDaemon.Canned(request));
        var client = ClientFor(daemon);
        Task<SearchResult> pending = client.SearchAsync("vim");
        await Eventually.TrueAsync(() => !daemon.Received.IsEmpty);

        await client.DisposeAsync();

        await Assert.ThrowsAsync<OmgDaemonUnavailableException>(() => pending);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.PingAsync());
    }

    [Fact]
    public async Task A_request_over_the_size_limit_is_refused_before_it_is_sent()
    {
        await using var daemon = TestDaemon.Start();
        await using var client = ClientFor(daemon);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.SearchAsync(new string('x', 2 << 20)));

        Assert.Contains("request limit", error.Message);
        Assert.Empty(daemon.Received);
        Assert.Equal("pong", await client.PingAsync());
    }
}
