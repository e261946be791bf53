namespace Omg.Audit;

/// <summary>The outcome of importing one source.</summary>
/// <param name="Origin">The source (absolute path or URL).</param>
/// <param name="Advisories">Advisories it holds now.</param>
/// <param name="Packages">Packages they name.</param>
/// <param name="NotModified">The server said the copy held is current; nothing was replaced.</param>
public sealed record ImportResult(string Origin, long Advisories, long Packages, bool NotModified);
