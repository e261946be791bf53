using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Omg.Audit.Sources;
using Omg.Tests.Shared;

namespace Omg.Audit.Tests;

/// <summary>Downloads from a loopback HttpListener serving the fixture tracker.</summary>
public sealed class DownloadTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TestPaths _paths = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _prefix;
    private int _requests;

    public DownloadTests()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _prefix = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_prefix);
        _listener.Start();
        _ = ServeAsync();
    }

    private async Task ServeAsync()
    {
        byte[] tracker = File.ReadAllBytes(AuditFixtures.Tracker);
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            _ = Task.Run(() => AnswerAsync(context, tracker));
        }
    }

    private static async Task AnswerAsync(HttpListenerContext context, byte[] tracker)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            switch (context.Request.Url!.AbsolutePath)
            {
                case "/tracker.json":
                    if (context.Request.Headers["If-None-Match"] == "\"v1\"")
                    {
                        response.StatusCode = 304;
                        response.Close();
                        return;
                    }

                    response.Headers["ETag"] = "\"v1\"";
                    if (context.Request.Headers["Accept-Encoding"]?.Contains("gzip", StringComparison.Ordinal) == true)
                    {
                        response.Headers["Content-Encoding"] = "gzip";
                        using var buffer = new MemoryStream();
                        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
                        {
                            gzip.Write(tracker);
                        }

                        tracker = buffer.ToArray();
                    }

                    response.ContentLength64 = tracker.Length;
                    await response.OutputStream.WriteAsync(tracker);
                    response.Close();
                    return;
                case "/truncated.json":
                    response.ContentLength64 = tracker.Length;
                    await response.OutputStream.WriteAsync(tracker.AsMemory(0, tracker.Length / 2));
                    await response.OutputStream.FlushAsync();
                    response.Abort();
                    return;
                case "/slow.json":
                    response.SendChunked = true;
                    await response.OutputStream.WriteAsync(tracker.AsMemory(0, 10));
                    await response.OutputStream.FlushAsync();
                    await Task.Delay(TimeSpan.FromSeconds(10));
                    response.Abort();
                    return;
                default:
                    response.StatusCode = 404;
                    response.Close();
                    return;
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up (timeout tests); nothing to answer.
        }
    }

    private AuditService Service(TimeSpan? timeout = null) => new(new AuditServiceOptions
    {
        Root = AuditFixtures.Root(_paths),
        StoreDirectory = Path.Combine(_paths.Directory, "store"),
        DownloadTimeout = timeout ?? TimeSpan.FromSeconds(30),
    });

    [Fact]
    public async Task A_download_is_imported_and_an_unchanged_one_is_not_modified()
    {
        using AuditService service = Service();
        await service.LoadStoreAsync(CancellationToken.None);
        ImportResult first = Assert.Single(await service.ImportAsync(_prefix + "tracker.json", CancellationToken.None));
        Assert.False(first.NotModified);
        Assert.Equal(13, first.Advisories);
        Assert.Equal("\"v1\"", service.Store.Find(_prefix + "tracker.json")!.ETag);

        ImportResult second = Assert.Single(await service.ImportAsync(_prefix + "tracker.json", CancellationToken.None));
        Assert.True(second.NotModified);
        Assert.Equal(13, second.Advisories);
        Assert.Equal(2, _requests);
    }

    [Theory]
    [InlineData("missing.json", "404")]
    [InlineData("truncated.json", "truncated.json")]
    public async Task Failed_downloads_are_refused_and_leave_nothing_behind(string path, string expected)
    {
        using AuditService service = Service();
        await service.LoadStoreAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<AdvisoryImportException>(() => service.ImportAsync(_prefix + path, CancellationToken.None));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(service.Database.IsLoaded);
        Assert.Empty(Directory.Exists(service.Store.Directory) ? Directory.GetFiles(service.Store.Directory) : []);
    }

    [Fact]
    public async Task A_slow_body_hits_the_download_timeout()
    {
        using AuditService service = Service(TimeSpan.FromSeconds(1));
        await service.LoadStoreAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<AdvisoryImportException>(() => service.ImportAsync(_prefix + "slow.json", CancellationToken.None));
        Assert.Contains("did not finish within 1 s", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(service.Store.Directory));
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_refused()
    {
        using var service = new AuditService(new AuditServiceOptions
        {
            Root = AuditFixtures.Root(_paths),
            StoreDirectory = Path.Combine(_paths.Directory, "store"),
            MaxDownloadBytes = 100,
        });
        await service.LoadStoreAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<AdvisoryImportException>(() => service.ImportAsync(_prefix + "tracker.json", CancellationToken.None));
        Assert.Contains("size cap", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
        _paths.Dispose();
    }
}
