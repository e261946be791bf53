namespace Omg.Audit.Versions;

/// <summary>Which version order an OSV ecosystem uses.</summary>
public static class VersionOrders
{
    /// <summary>
    /// dpkg for <c>Debian:*</c> and <c>Ubuntu:*</c> (including <c>Ubuntu:22.04:LTS</c>), SemVer 2.0 for <c>npm</c>,
    /// PEP 440 for <c>PyPI</c>; null for an ecosystem Omg does not match, whose records are then left unmatched
    /// rather than compared in a guessed order.
    /// </summary>
    public static IVersionOrder? ForEcosystem(string ecosystem)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        if (ecosystem.StartsWith("Debian:", StringComparison.Ordinal) || ecosystem.StartsWith("Ubuntu:", StringComparison.Ordinal)
            || ecosystem is "Debian" or "Ubuntu")
        {
            return DpkgVersionOrder.Instance;
        }

        return ecosystem switch
        {
            "npm" => SemVerOrder.Instance,
            "PyPI" => Pep440Order.Instance,
            _ => null,
        };
    }
}
