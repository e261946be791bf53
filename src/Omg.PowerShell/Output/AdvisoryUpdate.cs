namespace Omg;

/// <summary>The outcome of importing one advisory source, from <c>Update-OmgAdvisory</c>.</summary>
public sealed class AdvisoryUpdate
{
    /// <summary>The source as omgd resolved it (absolute path or URL; the configured defaults joined by commas).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Advisories it holds.</summary>
    public long Advisories { get; init; }

    /// <summary>Packages they name.</summary>
    public long Packages { get; init; }

    /// <summary>True when the server said the stored copy is current.</summary>
    public bool NotModified { get; init; }

    /// <inheritdoc />
    public override string ToString() => NotModified ? $"{Source}: not modified" : $"{Source}: {Advisories} advisories for {Packages} packages";
}
