using System.Management.Automation;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Gets the details of packages by name.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OmgPackage")]
[OutputType(typeof(PackageDetail))]
public sealed class GetOmgPackageCommand : OmgCmdlet
{
    private readonly List<string> _names = [];

    #region Parameters

    /// <summary>
    /// <para type="description">Package names; wildcards are allowed. Takes strings and objects with a Name property from the pipeline.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PackageNameCompleter))]
    [Alias("Package")]
    public string[] Name { get; set; } = [];

    /// <summary>
    /// <para type="description">The most packages one wildcard in -Name expands to, the first by name; a wildcard with more matches writes a warning saying how many it had. Without -Limit a wildcard returns every match (lib* returns tens of thousands of packages). Literal names are never cut.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Limit { get; set; }

    #endregion

    #region Overrides

    /// <summary>Collects names, so that the whole pipeline goes out as one Batch.</summary>
    protected override void ProcessRecord() => _names.AddRange(Name);

    /// <summary>Looks every collected name up at once and writes packages and per-name errors.</summary>
    protected override void EndProcessing()
    {
        if (_names.Count == 0)
        {
            return;
        }

        var lookup = new PackageLookup(Client, CreateMatcher)
        {
            WildcardLimit = MyInvocation.BoundParameters.ContainsKey(nameof(Limit)) ? Limit : null,
        };
        if (!TryInvoke(ct => lookup.GetAsync(_names, ct), _names.ToArray(), out IReadOnlyList<LookupItem>? items) || items is null)
        {
            return;
        }

        foreach ((string pattern, int matches) in lookup.Truncated)
        {
            WriteWarning($"'{pattern}' matches {matches} packages; writing the first {Limit} by name (raise -Limit, or leave it out, for all).");
        }

        foreach (LookupItem item in items)
        {
            if (item.Package is not null)
            {
                WriteObject(item.Package);
            }
            else if (item.IsNotFound)
            {
                WriteError(ErrorRecordFactory.PackageNotFound(item.Name, item.Suggestions, item.Error));
            }
            else if (item.Error is not null)
            {
                ReportError(item.Error, item.Name);
            }
        }
    }

    #endregion
}
