using System.Management.Automation;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Gets package names close to a name.</para>
/// <para type="description">Writes the names as strings, best first, so that they work as they are with -contains,
/// -join, Get-OmgPackage and completion; -Detailed writes Omg.Suggestion objects with the query and rank.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OmgSuggestion", DefaultParameterSetName = NamesSet)]
[OutputType(typeof(string), ParameterSetName = [NamesSet])]
[OutputType(typeof(Suggestion), ParameterSetName = [DetailedSet])]
public sealed class GetOmgSuggestionCommand : OmgCmdlet
{
    private const string NamesSet = "Names";
    private const string DetailedSet = "Detailed";

    #region Parameters

    /// <summary>
    /// <para type="description">The name, or part of a name, to find close package names for.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PackageNameCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">The most names to return (1 to 50); the daemon's default is 10.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 50)]
    public int Limit { get; set; }

    /// <summary>
    /// <para type="description">Writes Omg.Suggestion objects (Name, Query, Rank) instead of the names alone.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = DetailedSet)]
    public SwitchParameter Detailed { get; set; }

    #endregion

    #region Overrides

    /// <summary>Asks for suggestions for each name.</summary>
    protected override void ProcessRecord()
    {
        ulong? limit = MyInvocation.BoundParameters.ContainsKey(nameof(Limit)) ? (ulong)Limit : null;
        if (TryInvoke(ct => Client.SuggestAsync(Name, limit, ct), Name, out IReadOnlyList<string>? names) && names is not null)
        {
            if (Detailed)
            {
                WriteObject(OutputMapper.ToSuggestions(Name, names), enumerateCollection: true);
            }
            else
            {
                WriteObject(names, enumerateCollection: true);
            }
        }
    }

    #endregion
}
