using Omg.Client;
using Omg.Protocol;
using Omg.Protocol.Messages;
using Omg.PowerShell.Tests.Support;

namespace Omg.PowerShell.Tests;

public sealed class PackageLookupTests
{
    [Fact]
    public async Task Literal_names_come_back_in_order_with_their_details()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        await using OmgClient client = daemon.Connect();

        IReadOnlyList<LookupItem> items = await new PackageLookup(client, TestWildcard.Matcher).GetAsync(["openssl", "vim"], CancellationToken.None);

        Assert.Equal(["openssl", "vim"], items.Select(i => i.Package!.Name));
        // The fixture's bookworm-security list has openssl 3.0.17-1~deb12u2 with Installed-Size 2310 (KiB); a
        // newer candidate's entry supplies the record's fields (docs/packages-debian.md, Records).
        Assert.Equal(2310L * 1024, items[0].Package!.Size);
        Assert.Equal("3.0.17-1~deb12u2", items[0].Package!.CandidateVersion);
        Assert.Equal("3.0.15-1~deb12u1", items[0].Package!.InstalledVersion);
    }

    [Fact]
    public async Task Many_names_go_out_as_one_batch()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        await using OmgClient client = daemon.Connect();
        ulong before = await CountAsync(client, "Batch");

        IReadOnlyList<LookupItem> items = await new PackageLookup(client, TestWildcard.Matcher).GetAsync(["vim", "vim-tiny", "openssl", "libssl3", "curl"], CancellationToken.None);

        Assert.Equal(5, items.Count(i => i.Package is not null));
        Assert.Equal(before + 1, await CountAsync(client, "Batch"));
    }

    [Fact]
    public async Task A_missing_literal_name_is_not_found_with_suggestions()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        await using OmgClient client = daemon.Connect();

        IReadOnlyList<LookupItem> items = await new PackageLookup(client, TestWildcard.Matcher).GetAsync(["vimm", "curl"], CancellationToken.None);

        LookupItem missing = items[0];
        Assert.Equal("vimm", missing.Name);
        Assert.True(missing.IsNotFound);
        Assert.Null(missing.Package);
        Assert.Equal(["vim", "vim-tiny", "vim-common", "vim-runtime", "vim-gtk3"], missing.Suggestions);
        Assert.Equal("OmgPackageNotFound", ErrorRecordFactory.Describe(missing.Error!).ErrorId);
        Assert.Equal("curl", items[1].Package!.Name);
    }

    [Fact]
    public async Task A_wildcard_expands_through_search_and_suggest_and_is_filtered()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        await using OmgClient client = daemon.Connect();
        var lookup = new PackageLookup(client, TestWildcard.Matcher);

        // Every vim* name of the fixture root: installed (status) or available (lists).
        Assert.Equal(["vim", "vim-common", "vim-gtk3", "vim-runtime", "vim-tiny"], await lookup.ExpandAsync("vim*", CancellationToken.None));
        Assert.Equal(["libssl3"], await lookup.ExpandAsync("*ssl3", CancellationToken.None));
        Assert.Equal(["libssl3", "openssl"], await lookup.ExpandAsync("*SSL*", CancellationToken.None));

        IReadOnlyList<LookupItem> items = await lookup.GetAsync(["vim*", "vim", "curl"], CancellationToken.None);
        Assert.Equal(["vim", "vim-common", "vim-gtk3", "vim-runtime", "vim-tiny", "curl"], items.Select(i => i.Name));
    }

    [Fact]
    public async Task A_wildcard_that_matches_nothing_is_silent()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        await using OmgClient client = daemon.Connect();

        Assert.Empty(await new PackageLookup(client, TestWildcard.Matcher).GetAsync(["nosuch*"], CancellationToken.None));
    }

    [Fact]
    public async Task A_wildcard_without_literal_text_is_an_invalid_argument_for_that_name_only()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        await using OmgClient client = daemon.Connect();

        IReadOnlyList<LookupItem> items = await new PackageLookup(client, TestWildcard.Matcher).GetAsync(["*", "curl"], CancellationToken.None);

        Assert.Equal(2, items.Count);
        Assert.Equal("*", items[0].Name);
        Assert.IsType<ArgumentException>(items[0].Error);
        Assert.Equal("OmgInvalidArgument", ErrorRecordFactory.Describe(items[0].Error!).ErrorId);
        Assert.Equal("curl", items[1].Package!.Name);
        await Assert.ThrowsAsync<ArgumentException>(() => new PackageLookup(client, TestWildcard.Matcher).ExpandAsync("?*", CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_package_backend_each_name_fails_as_not_supported()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartAsync(packages: null);
        await using OmgClient client = daemon.Connect();

        IReadOnlyList<LookupItem> items = await new PackageLookup(client, TestWildcard.Matcher).GetAsync(["vim"], CancellationToken.None);

        LookupItem item = Assert.Single(items);
        Assert.False(item.IsNotFound);
        var failure = Assert.IsType<OmgRequestException>(item.Error);
        Assert.Equal(ErrorCodes.MethodNotFound, failure.Code);
        Assert.Equal("OmgNotSupported", ErrorRecordFactory.Describe(failure).ErrorId);
    }

    [Fact]
    public async Task A_cancelled_lookup_stops_with_operation_cancelled()
    {
        await using InProcessDaemon daemon = await InProcessDaemon.StartWithFixtureAsync();
        await using OmgClient client = daemon.Connect();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PackageLookup(client, TestWildcard.Matcher).GetAsync(["vim"], cts.Token));
    }

    [Fact]
    public void Interpret_pairs_names_with_successes_and_errors()
    {
        var detail = new DetailedPackageInfo { Name = "vim", Version = "2:9.0", Description = "editor", Source = "apt", Size = 10 };
        Response[] answers =
        [
            new SuccessResponse(1, detail),
            new ErrorResponse(2, ErrorCodes.PackageNotFound, "package 'vimm' not found"),
            new ErrorResponse(3, ErrorCodes.RateLimited, "retry in 1s"),
        ];

        IReadOnlyList<LookupItem> items = PackageLookup.Interpret(["vim", "vimm", "git"], answers);

        Assert.Equal(10L, items[0].Package!.Size);
        Assert.True(items[1].IsNotFound);
        Assert.Equal("OmgRateLimited", ErrorRecordFactory.Describe(items[2].Error!).ErrorId);
        Assert.Throws<InvalidDataException>(() => PackageLookup.Interpret(["vim"], []));
    }

    [Fact]
    public void Info_batches_number_their_requests_in_order()
    {
        IReadOnlyList<Request> batch = PackageLookup.InfoBatch(["a", "b"]);
        Assert.Equal([(1UL, "a"), (2UL, "b")], batch.Cast<InfoRequest>().Select(r => (r.Id, r.Package)));
    }

    [Fact]
    public void Candidates_from_search_and_suggest_are_merged_and_a_failed_search_throws()
    {
        using var client = new OmgClient(new OmgClientOptions { SocketPath = "/nonexistent/omg.sock", AutoStart = false });
        var lookup = new PackageLookup(client, TestWildcard.Matcher);
        Response[] answers =
        [
            new SuccessResponse(1, new SearchResult([new PackageInfo("vim", "1", "d", "apt"), new PackageInfo("gvim", "1", "d", "apt")], 2)),
            new SuccessResponse(2, new SuggestResult(["vim-tiny", "vim"])),
        ];

        Assert.Equal(["vim", "vim-tiny"], lookup.FilterCandidates("vim*", answers));
        Assert.Throws<OmgRequestException>(() => lookup.FilterCandidates("vim*", [new ErrorResponse(1, ErrorCodes.InternalError, "boom"), answers[1]]));
        // A failed Suggest costs only its own candidates: Search's still come through.
        Assert.Equal(["vim"], lookup.FilterCandidates("vim*", [answers[0] with { }, new ErrorResponse(2, ErrorCodes.InternalError, "no suggest")]));
    }

    private static async Task<ulong> CountAsync(OmgClient client, string requestType) =>
        (await client.MetricsAsync()).Requests.FirstOrDefault(r => r.Name == requestType)?.Count ?? 0;
}
