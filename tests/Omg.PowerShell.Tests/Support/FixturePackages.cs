using Omg.Daemon.Handlers;
using Omg.Protocol;
using Omg.Protocol.Messages;

namespace Omg.PowerShell.Tests.Support;

/// <summary>
/// The package backend of the fixture root (vim, vim-tiny, openssl, libssl3, curl) served from memory, so
/// that the cmdlets' logic runs against a real omgd whatever state its own backend is in. Searching for
/// <c>hang</c> answers only after 2 s.
/// </summary>
internal sealed class FixturePackages : IPackageHandler
{
    public static readonly DetailedPackageInfo[] Catalogue =
    [
        Detail("vim", "2:9.0.1378-2", "Vi IMproved - enhanced vi editor", 3_932_160, ["vim-runtime", "libc6"], installed: true),
        Detail("vim-tiny", "2:9.0.1378-2", "Vi IMproved - enhanced vi editor - compact version", 1_740_800, ["libc6"], installed: true),
        Detail("openssl", "3.0.15-1", "Secure Sockets Layer toolkit - cryptographic utility", 2_306_048, ["libssl3"], installed: true, candidate: "3.0.16-1"),
        Detail("libssl3", "3.0.15-1", "Secure Sockets Layer toolkit - shared libraries", 6_750_208, ["libc6"], installed: true, candidate: "3.0.16-1"),
        Detail("curl", "7.88.1-10", "command line tool for transferring data with URL syntax", 512_000, ["libcurl4"], installed: false),
    ];

    public async ValueTask<SearchResult> SearchAsync(string query, int limit, IReadOnlyList<string>? sources, bool installedOnly, CancellationToken cancellationToken)
    {
        if (query == "hang")
        {
            // A search that outlasts any client patience, for Ctrl+C tests; bounded, because omgd lets a
            // handler run on after its client gave up, and the host's stop would wait for it.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        PackageInfo[] hits = Catalogue
            .Where(p => p.Name.Contains(query, StringComparison.OrdinalIgnoreCase) || p.Description.Contains(query, StringComparison.OrdinalIgnoreCase))
            .Where(p => sources is null || sources.Any(s => s == "*" || string.Equals(s, p.Source, StringComparison.OrdinalIgnoreCase)))
            .Where(p => !installedOnly || p.InstalledVersion is not null)
            .Select(p => new PackageInfo(p.Name, p.Version, p.Description, p.Source, p.InstalledVersion is not null))
            .ToArray();
        return new SearchResult(hits.Take(limit).ToArray(), (ulong)hits.Length);
    }

    public ValueTask<DetailedPackageInfo> InfoAsync(string package, CancellationToken cancellationToken) =>
        Catalogue.FirstOrDefault(p => p.Name == package) is { } found
            ? ValueTask.FromResult(found)
            : throw new RequestFailedException(ErrorCodes.PackageNotFound, $"package '{package}' not found");

    public ValueTask<IReadOnlyList<string>> SuggestAsync(string query, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(Catalogue
            .Select(p => p.Name)
            .Where(n => n.StartsWith(query[..Math.Min(3, query.Length)], StringComparison.OrdinalIgnoreCase))
            .Take(limit)
            .ToArray());

    public ValueTask<StatusResult> StatusAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new StatusResult
        {
            TotalPackages = 4,
            ExplicitPackages = 2,
            UpdatesAvailable = 2,
            RuntimeVersions = [("python", "3.11.2"), ("perl", "5.36.0")],
            Problems = ["no advisory data"],
        });

    public ValueTask<IReadOnlyList<RuntimeInfo>> RuntimesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<RuntimeInfo>>(
        [
            new RuntimeInfo("python", "3.11.2", "/usr/bin/python3", "dpkg", true),
            new RuntimeInfo("perl", "5.36.0", "/usr/bin/perl", "dpkg", true),
        ]);

    private static DetailedPackageInfo Detail(string name, string version, string description, ulong size, string[] depends, bool installed, string? candidate = null) => new()
    {
        Name = name,
        Version = version,
        Description = description,
        Source = "apt",
        Size = size,
        DownloadSize = size / 3,
        Repo = "bookworm/main",
        Depends = depends,
        Licenses = ["GPL-2+"],
        InstalledVersion = installed ? version : null,
        CandidateVersion = candidate ?? version,
        Architecture = "amd64",
    };
}
