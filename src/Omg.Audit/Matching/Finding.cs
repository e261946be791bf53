using Omg.Audit.Sources;

namespace Omg.Audit.Matching;

/// <summary>One advisory that affects one installed package.</summary>
/// <param name="Package">The installed package.</param>
/// <param name="InstalledVersion">Its installed version.</param>
/// <param name="SourcePackage">The name the advisory uses (Debian source package, else the package).</param>
/// <param name="Ecosystem">The advisory entry's ecosystem.</param>
/// <param name="Advisory">The advisory.</param>
/// <param name="FixedVersion">The first fixed version above the installed one, null when no fix is known.</param>
/// <param name="Score">CVSS base score, null without a usable vector.</param>
/// <param name="Severity">Severity word (critical, high, medium, low, unimportant, unknown).</param>
/// <param name="Undetermined">The tracker does not know yet whether this version is affected.</param>
public sealed record Finding(
    string Package,
    string InstalledVersion,
    string SourcePackage,
    string Ecosystem,
    AdvisoryInfo Advisory,
    string? FixedVersion,
    double? Score,
    string Severity,
    bool Undetermined);
