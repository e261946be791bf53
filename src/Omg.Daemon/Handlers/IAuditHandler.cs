using Omg.Protocol.Messages;

namespace Omg.Daemon.Handlers;

/// <summary>Answers SecurityAudit and UpdateAdvisories, and tells Status how many vulnerabilities are known.</summary>
public interface IAuditHandler
{
    /// <summary>Audits installed packages; throws ADVISORY_DATA_UNAVAILABLE when nothing is loaded.</summary>
    ValueTask<SecurityAuditResult> AuditAsync(CancellationToken cancellationToken);

    /// <summary>Loads advisories from <paramref name="source"/> (a path or URL), or the configured sources when null.</summary>
    ValueTask<AdvisoryUpdateResult> UpdateAsync(string? source, CancellationToken cancellationToken);

    /// <summary>Known vulnerabilities in installed packages, and whether any advisory data is loaded at all.</summary>
    ValueTask<(ulong Vulnerabilities, bool Loaded)> CountAsync(CancellationToken cancellationToken);
}
