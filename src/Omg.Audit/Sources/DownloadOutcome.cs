namespace Omg.Audit.Sources;

/// <summary>What a download did.</summary>
/// <param name="NotModified">The server answered 304: the stored copy is current and nothing was written.</param>
/// <param name="ETag">The response's ETag, if any.</param>
/// <param name="LastModified">The response's Last-Modified, if any (as the server wrote it).</param>
/// <param name="Bytes">Bytes written to the target (after content decoding).</param>
public sealed record DownloadOutcome(bool NotModified, string? ETag, string? LastModified, long Bytes);
