namespace Omg.Packages.Runtimes;

/// <summary>Finds installed language runtimes from the filesystem.</summary>
public interface IRuntimeDetector
{
    /// <summary>Every runtime found; never throws for unreadable or odd installations (they are skipped).</summary>
    IReadOnlyList<RuntimeInfo> Detect(CancellationToken cancellationToken);
}
