namespace Omg.PowerShell;

/// <summary>The outcome for one name given to <c>Get-OmgPackage</c>: a package, or why there is none.</summary>
/// <param name="Name">The package name asked for (a wildcard's match, or the literal name).</param>
/// <param name="Package">The package, when found.</param>
/// <param name="Error">Why it could not be read, when it was not found or the request failed.</param>
/// <param name="Suggestions">For a missing package, the daemon's close names.</param>
public sealed record LookupItem(string Name, PackageDetail? Package, Exception? Error, IReadOnlyList<string> Suggestions)
{
    /// <summary>True when the daemon said that no such package exists.</summary>
    public bool IsNotFound => Package is null && Error is Omg.Client.OmgRequestException { IsPackageNotFound: true };
}
