using System.Net;
using System.Net.Http.Headers;

namespace Omg.Audit.Sources;

/// <summary>
/// Downloads a source over http(s) into a file: conditional (If-None-Match / If-Modified-Since from the
/// last import, a 304 is "not modified"), gzip/deflate/brotli content encoding, an overall timeout and a size cap.
/// A failed or truncated download leaves nothing behind; the caller validates and commits the file.
/// </summary>
public sealed class AdvisoryDownloader : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a downloader with its own connection pool.</summary>
    /// <param name="timeout">Bound on one whole download, headers and body.</param>
    /// <param name="maxBytes">Largest body accepted (after decoding).</param>
    public AdvisoryDownloader(TimeSpan timeout, long maxBytes)
    {
        Timeout = timeout;
        MaxBytes = maxBytes;
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            ConnectTimeout = timeout < TimeSpan.FromSeconds(30) ? timeout : TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("omgd", typeof(AdvisoryDownloader).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    /// <summary>The bound on one download.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The size cap.</summary>
    public long MaxBytes { get; }

    /// <summary>True for the URL schemes this downloads.</summary>
    public static bool IsUrl(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Downloads <paramref name="url"/> into <paramref name="target"/> (created; deleted again on failure).</summary>
    /// <param name="url">The source URL.</param>
    /// <param name="target">The file to write.</param>
    /// <param name="etag">ETag of the copy already held, or null.</param>
    /// <param name="lastModified">Last-Modified of the copy already held, or null.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="AdvisoryImportException">The server refused, the body was cut short, too large or too slow.</exception>
    public async Task<DownloadOutcome> DownloadAsync(string url, string target, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out EntityTagHeaderValue? tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset since))
        {
            request.Headers.IfModifiedSince = since;
        }

        bool complete = false;
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new DownloadOutcome(true, response.Headers.ETag?.ToString() ?? etag, LastModifiedOf(response) ?? lastModified, 0);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new AdvisoryImportException($"{url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength is long declared && response.Content.Headers.ContentEncoding.Count == 0 && declared > MaxBytes)
            {
                throw new AdvisoryImportException($"{url}: {declared} bytes is over the size cap of {MaxBytes} bytes");
            }

            long written = 0;
            await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await using Stream body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    written += read;
                    if (written > MaxBytes)
                    {
                        throw new AdvisoryImportException($"{url}: the body is over the size cap of {MaxBytes} bytes");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                }

                file.Flush(flushToDisk: true);
            }

            complete = true;
            return new DownloadOutcome(false, response.Headers.ETag?.ToString(), LastModifiedOf(response), written);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdvisoryImportException($"{url}: the download did not finish within {Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            throw new AdvisoryImportException($"{url}: download failed: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new AdvisoryImportException($"{url}: the download was cut short: {ex.Message}", ex);
        }
        finally
        {
            if (!complete)
            {
                File.Delete(target);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string? LastModifiedOf(HttpResponseMessage response) =>
        response.Content.Headers.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
