using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Protocol.Tests.Messages;

/// <summary>
/// One message of each request type with its frame as Python's msgpack (an independent implementation)
/// packs it, and one response of each result type. docs/protocol.md shows the same frames.
/// </summary>
internal static class SampleMessages
{
    public static readonly MessagePackValue ModuleArguments = MessagePackValue.Map(
        ("arguments", MessagePackValue.Map(("mask", MessagePackValue.From("*.txt")))),
        ("options", MessagePackValue.Array(MessagePackValue.From("verbose"))));

    public static IEnumerable<object[]> GoldenRequests() =>
    [
        [new SearchRequest(1, "vim", 5), "0000001e81a653656172636883a2696401a57175657279a376696da56c696d697405"],
        [new InfoRequest(2, "openssl"), "0000001b81a4496e666f82a2696402a77061636b616765a76f70656e73736c"],
        [new StatusRequest(3), "0000000d81a653746174757381a2696403"],
        [new SecurityAuditRequest(4), "0000001481ad5365637572697479417564697481a2696404"],
        [new BatchRequest(5, [new StatusRequest(6), new InfoRequest(7, "curl")]), "0000003b81a5426174636882a2696405a872657175657374739281a653746174757381a269640681a4496e666f82a2696407a77061636b616765a46375726c"],
        [new SuggestRequest(8, "vmi"), "0000001f81a75375676765737483a2696408a57175657279a3766d69a56c696d6974c0"],
        [new PingRequest(9), "0000000b81a450696e6781a2696409"],
        [new MetricsRequest(10), "0000000e81a74d65747269637381a269640a"],
        [new RuntimesRequest(11), "0000000f81a852756e74696d657381a269640b"],
        [new ModulesRequest(12), "0000000e81a74d6f64756c657381a269640c"],
        [new ModuleRequest(13, "sys.proc", ModuleArguments), "0000004b81a64d6f64756c6583a269640da46e616d65a87379732e70726f63a77265717565737482a9617267756d656e747381a46d61736ba52a2e747874a76f7074696f6e7391a7766572626f7365"],
        [new UpdateAdvisoriesRequest(14), "0000001f81b055706461746541647669736f7269657382a269640ea6736f75726365c0"],

        // The additive Search field: with sources the map has a fourth key.
        [new SearchRequest(15, "ssl", null, ["pypi", "n*"]), "0000002f81a653656172636884a269640fa57175657279a373736ca56c696d6974c0a7736f757263657392a470797069a26e2a"],

        // The additive Search field for installed packages only (bytes from Python's msgpack).
        [new SearchRequest(16, "ssl", 20, null, Installed: true), "0000002981a653656172636884a2696410a57175657279a373736ca56c696d697414a9696e7374616c6c6564c3"],

        // The additive Search field for a later page (bytes from Python's msgpack).
        [new SearchRequest(17, "lib", 2, Offset: 1000), "0000002881a653656172636884a2696411a57175657279a36c6962a56c696d697402a66f6666736574cd03e8"],
    ];

    public static IReadOnlyList<Response> Responses() =>
    [
        new SuccessResponse(1, new SearchResult(
            [new PackageInfo("vim", "2:9.0.1378-2", "Vi IMproved - enhanced vi editor", "apt", true), new PackageInfo("neovim", "0.7.2-7", "heavily refactored vim fork", "apt")],
            17)),
        new SuccessResponse(2, new DetailedPackageInfo
        {
            Name = "openssl",
            Version = "3.0.15-1~deb12u1",
            Description = "Secure Sockets Layer toolkit",
            Url = "https://www.openssl.org/",
            Size = 2_300_000,
            DownloadSize = 1_400_000,
            Repo = "bookworm-security/main",
            Depends = ["libc6", "libssl3"],
            Licenses = ["Apache-2.0"],
            Source = "apt",
            InstalledVersion = "3.0.14-1~deb12u2",
            CandidateVersion = "3.0.15-1~deb12u1",
            Architecture = "amd64",
        }),
        new SuccessResponse(3, new StatusResult
        {
            TotalPackages = 612,
            ExplicitPackages = 88,
            OrphanPackages = 3,
            UpdatesAvailable = 12,
            SecurityVulnerabilities = 0,
            RuntimeVersions = [("python", "3.11.2"), ("node", "20.20.2")],
            Problems = ["lists/broken_Packages.lz4: truncated"],
            Upgradable = ["curl", "libssl3", "libssl3:i386"],
            Orphans = ["linux-image-6.1.0-25-amd64"],
        }),
        new SuccessResponse(4, new SecurityAuditResult(2, 1,
            [("openssl", [new Vulnerability("CVE-2024-5535", "SSL_select_next_proto buffer overread", 9.1f), new Vulnerability("CVE-2024-0727", "PKCS12 NULL dereference", null)])])),
        new SuccessResponse(5, new SuggestResult(["vim", "vim-tiny"])),
        new SuccessResponse(6, new BatchResult([new SuccessResponse(7, new PingResult("pong")), new ErrorResponse(8, ErrorCodes.PackageNotFound, "package 'nosuch' not found")])),
        new SuccessResponse(9, new PingResult("pong")),
        new SuccessResponse(10, new MetricsResult
        {
            Version = "0.1.0",
            Pid = 4242,
            UptimeSeconds = 61,
            ActiveConnections = 2,
            TotalConnections = 9,
            BytesIn = 1000,
            BytesOut = 70000,
            Requests = [new RequestMetrics("Search", 5, 1, 80, 250)],
        }),
        new SuccessResponse(11, new RuntimesResult([new RuntimeInfo("python", "3.11.7", "/root/.pyenv/versions/3.11.7", "pyenv", true)])),
        new SuccessResponse(12, new ModulesResult([
            new ModuleInfo("sys.proc", "0.1.0", "Processes", "/usr/share/sysinspect/modules/sys/proc")
            {
                Author = "Jane Doe",
                Arguments = [new ModuleArgumentInfo("mask", "string", true, "Globbing mask", null), new ModuleArgumentInfo("count", "int", false, string.Empty, "10")],
                Options = [new ModuleOptionInfo("verbose", "Provide verbose output")],
                Examples = ["All processes\n{\"arguments\": {\"mask\": \"*\"}}"],
                Returns = "pids",
            },
            new ModuleInfo("test.bare", string.Empty, string.Empty, "/m/test/bare"),
        ])),
        new SuccessResponse(13, new ModuleResult(0, "done", ["slow disk"], MessagePackJson.Parse("""{"rows":[["dpkg","root",1885]]}"""), ["started"])),
        new SuccessResponse(14, new AdvisoryUpdateResult("/var/lib/omg/osv.zip", 1200, 300, false)),
        new ErrorResponse(15, ErrorCodes.InvalidParams, "query: must not be empty"),
    ];
}
