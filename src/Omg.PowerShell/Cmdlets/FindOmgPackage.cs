using System.Management.Automation;
using Omg.Protocol.Messages;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Searches the packages omgd knows.</para>
/// </summary>
[Cmdlet(VerbsCommon.Find, "OmgPackage")]
[OutputType(typeof(Package))]
public sealed class FindOmgPackageCommand : OmgCmdlet
{
    #region Parameters

    /// <summary>
    /// <para type="description">The text to search for in package names and descriptions.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PackageNameCompleter))]
    public string Query { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">The most packages to return (1 to 1000); the daemon's default is 50.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int Limit { get; set; }

    /// <summary>
    /// <para type="description">Only packages from these sources (apt, npm, pypi); wildcards are allowed. The daemon filters before -Limit, so -Limit counts only packages of these sources.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SourceCompleter))]
    public string[]? Source { get; set; }

    /// <summary>
    /// <para type="description">Only installed packages. The daemon filters before -Limit, so -Limit counts only installed packages.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Installed { get; set; }

    #endregion

    #region Overrides

    /// <summary>Runs one search per query.</summary>
    protected override void ProcessRecord()
    {
        ulong? limit = MyInvocation.BoundParameters.ContainsKey(nameof(Limit)) ? (ulong)Limit : null;
        if (!TryInvoke(ct => Client.SearchAsync(Query, limit, Source, Installed.IsPresent, ct), Query, out SearchResult? result) || result is null)
        {
            return;
        }

        // The daemon has filtered already; these filters only matter with an omgd too old to know 'sources' or
        // 'installed'.
        Predicate<string>[] sources = (Source ?? []).Select(CreateMatcher).ToArray();
        foreach (PackageInfo info in result.Packages)
        {
            if ((sources.Length == 0 || sources.Any(matches => matches(info.Source))) && (info.Installed || !Installed.IsPresent))
            {
                WriteObject(OutputMapper.ToPackage(info));
            }
        }

        if (result.Total > (ulong)result.Packages.Count)
        {
            WriteVerbose($"{result.Total} packages match '{Query}'; {result.Packages.Count} returned (see -Limit).");
        }
    }

    #endregion
}
