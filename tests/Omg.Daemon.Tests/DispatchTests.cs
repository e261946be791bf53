using System.Diagnostics;
using Omg.Daemon.Tests.Support;
using Omg.Protocol;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Tests;

public sealed class DispatchTests
{
    private static async Task<ErrorResponse> ExpectErrorAsync(RawConnection connection, Request request, int code)
    {
        Response response = await connection.CallAsync(request);
        var error = Assert.IsType<ErrorResponse>(response);
        Assert.Equal(request.Id, error.Id);
        Assert.Equal(code, error.Code);
        return error;
    }

    [Fact]
    public async Task Ping_answers_pong()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        var success = Assert.IsType<SuccessResponse>(await connection.CallAsync(new PingRequest(41)));
        Assert.Equal(41UL, success.Id);
        Assert.Equal("pong", Assert.IsType<PingResult>(success.Result).Message);
    }

    [Theory]
    [InlineData("", "query")]
    [InlineData("   ", "query")]
    [InlineData("x\u0001y", "query")]
    public async Task Bad_queries_are_invalid_params_naming_the_field(string query, string field)
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        ErrorResponse error = await ExpectErrorAsync(connection, new SearchRequest(5, query), ErrorCodes.InvalidParams);
        Assert.StartsWith(field + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_argument_rule_answers_invalid_params_with_the_field_name()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        Assert.StartsWith("query:", (await ExpectErrorAsync(connection, new SearchRequest(1, new string('a', 501)), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.InvalidParams, ((ErrorResponse)await connection.CallAsync(new SearchRequest(2, "é", 0))).Code);
        Assert.StartsWith("limit:", (await ExpectErrorAsync(connection, new SearchRequest(3, "vim", 0), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("limit:", (await ExpectErrorAsync(connection, new SearchRequest(4, "vim", 1001), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("limit:", (await ExpectErrorAsync(connection, new SuggestRequest(5, "vim", 51), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("package:", (await ExpectErrorAsync(connection, new InfoRequest(6, "bad name"), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("package:", (await ExpectErrorAsync(connection, new InfoRequest(7, string.Empty), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("requests[1]:", (await ExpectErrorAsync(connection, new BatchRequest(8, [new PingRequest(9), new BatchRequest(10, [new PingRequest(11)])]), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("requests:", (await ExpectErrorAsync(connection, new BatchRequest(12, Enumerable.Range(0, 101).Select(i => (Request)new PingRequest((ulong)i)).ToArray()), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("requests:", (await ExpectErrorAsync(connection, new BatchRequest(13, []), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("sources:", (await ExpectErrorAsync(connection, new SearchRequest(15, "vim", null, []), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("sources:", (await ExpectErrorAsync(connection, new SearchRequest(16, "vim", null, Enumerable.Repeat("apt", 17).ToArray()), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);
        Assert.StartsWith("sources[1]:", (await ExpectErrorAsync(connection, new SearchRequest(17, "vim", null, ["apt", string.Empty]), ErrorCodes.InvalidParams)).Message, StringComparison.Ordinal);

        // A valid 500-byte query still goes through.
        Assert.IsType<SuccessResponse>(await connection.CallAsync(new SearchRequest(14, new string('a', 500))));
    }

    [Fact]
    public async Task Search_sources_and_installed_reach_the_package_backend()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        var filtered = Assert.IsType<SearchResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new SearchRequest(1, "vim", 7, ["pypi", "n*"]))).Result);
        Assert.Equal("limit 7 sources pypi,n*", filtered.Packages[0].Description);
        var all = Assert.IsType<SearchResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new SearchRequest(2, "vim"))).Result);
        Assert.Equal("limit 50", all.Packages[0].Description);
        var installed = Assert.IsType<SearchResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new SearchRequest(3, "vim", null, ["apt"], Installed: true))).Result);
        Assert.Equal("limit 50 sources apt installed", installed.Packages[0].Description);
    }

    [Fact]
    public async Task A_missing_package_is_package_not_found()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        ErrorResponse error = await ExpectErrorAsync(connection, new InfoRequest(3, "nosuch"), ErrorCodes.PackageNotFound);
        Assert.Contains("nosuch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_without_a_registered_handler_say_the_capability_is_missing()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(withPackages: false);
        await using RawConnection connection = await daemon.ConnectAsync();
        ErrorResponse search = await ExpectErrorAsync(connection, new SearchRequest(1, "vim"), ErrorCodes.MethodNotFound);
        Assert.Contains("not available", search.Message, StringComparison.Ordinal);
        await ExpectErrorAsync(connection, new SecurityAuditRequest(2), ErrorCodes.MethodNotFound);
        await ExpectErrorAsync(connection, new ModulesRequest(3), ErrorCodes.MethodNotFound);
    }

    [Fact]
    public async Task Unknown_request_type_is_method_not_found_with_its_id()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        ErrorResponse error = await ExpectErrorAsync(connection, new UnknownRequest(77, "Teleport"), ErrorCodes.MethodNotFound);
        Assert.Contains("Teleport", error.Message, StringComparison.Ordinal);
        Assert.IsType<SuccessResponse>(await connection.CallAsync(new PingRequest(78)));
    }

    [Fact]
    public async Task A_handler_bug_is_internal_error_and_the_daemon_keeps_serving()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        ErrorResponse error = await ExpectErrorAsync(connection, new SearchRequest(9, "throw"), ErrorCodes.InternalError);
        Assert.Contains("request 9", error.Message, StringComparison.Ordinal);
        Assert.IsType<SuccessResponse>(await connection.CallAsync(new SearchRequest(10, "vim")));
    }

    [Fact]
    public async Task A_request_over_the_timeout_is_internal_error_naming_the_timeout()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(true, "--Limits:RequestTimeoutSeconds=0.3");
        await using RawConnection connection = await daemon.ConnectAsync();
        // "hang" never answers: any answer at all is the timeout's, and it names the configured one.
        ErrorResponse error = await ExpectErrorAsync(connection, new SearchRequest(4, "hang"), ErrorCodes.InternalError);
        Assert.Contains("timed out after 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_come_back_as_they_complete_not_in_request_order()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        await connection.SendAsync(new SearchRequest(1, "slow:500"));
        await connection.SendAsync(new SearchRequest(2, "fast"));
        Assert.Equal(2UL, (await connection.ReceiveAsync())!.Id);
        Assert.Equal(1UL, (await connection.ReceiveAsync())!.Id);
    }

    [Fact]
    public async Task Batch_items_run_concurrently_and_answer_in_request_order()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        Request[] items =
        [
            new SearchRequest(10, "slow:400"),
            new InfoRequest(11, "nosuch"),
            new SearchRequest(12, "slow:100"),
            new UnknownRequest(13, "Teleport"),
            new SearchRequest(14, string.Empty),
            new PingRequest(15),
            new SearchRequest(16, "slow:300"),
        ];
        // Concurrency is proven by the handler seeing overlapping calls, not by wall time, which a loaded
        // CI machine stretches (this test once failed at 750 ms with 400 ms of slowest item).
        var batch = Assert.IsType<BatchResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new BatchRequest(9, items))).Result);
        Assert.Equal(items.Select(i => i.Id), batch.Responses.Select(r => r.Id));
        Assert.IsType<SuccessResponse>(batch.Responses[0]);
        Assert.Equal(ErrorCodes.PackageNotFound, Assert.IsType<ErrorResponse>(batch.Responses[1]).Code);
        Assert.Equal(ErrorCodes.MethodNotFound, Assert.IsType<ErrorResponse>(batch.Responses[3]).Code);
        Assert.Equal(ErrorCodes.InvalidParams, Assert.IsType<ErrorResponse>(batch.Responses[4]).Code);
        Assert.True(daemon.Packages!.MaxConcurrent >= 2);
    }

    [Fact]
    public async Task Status_says_advisories_are_not_loaded_when_no_audit_backend_exists()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        var status = Assert.IsType<StatusResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new StatusRequest(1))).Result);
        Assert.Equal(3UL, status.TotalPackages);
        Assert.False(status.AdvisoriesLoaded);
    }

    [Fact]
    public async Task Metrics_count_requests_failures_validation_and_bytes()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync();
        await using RawConnection connection = await daemon.ConnectAsync();
        await connection.CallAsync(new SearchRequest(1, "vim"));
        await connection.CallAsync(new SearchRequest(2, string.Empty));
        await connection.CallAsync(new PingRequest(3));
        var metrics = Assert.IsType<MetricsResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new MetricsRequest(4))).Result);
        RequestMetrics search = Assert.Single(metrics.Requests, r => r.Name == "Search");
        Assert.Equal(2UL, search.Count);
        Assert.Equal(1UL, search.Failures);
        Assert.True(search.P99Micros >= search.P50Micros);
        Assert.Equal(1UL, metrics.ValidationFailures);
        Assert.Equal(1UL, metrics.ActiveConnections);
        Assert.True(metrics.BytesIn > 0 && metrics.BytesOut > 0);
        Assert.Equal((ulong)Environment.ProcessId, metrics.Pid);
    }
}
