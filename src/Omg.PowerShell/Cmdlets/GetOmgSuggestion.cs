using System.Management.Automation;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Gets package names close to a name.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OmgSuggestion")]
[OutputType(typeof(Suggestion))]
public sealed class GetOmgSuggestionCommand : OmgCmdlet
{
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

    #endregion

    #region Overrides

    /// <summary>Asks for suggestions for each name.</summary>
    protected override void ProcessRecord()
    {
        ulong? limit = MyInvocation.BoundParameters.ContainsKey(nameof(Limit)) ? (ulong)Limit : null;
        if (TryInvoke(ct => Client.SuggestAsync(Name, limit, ct), Name, out IReadOnlyList<string>? names) && names is not null)
        {
            WriteObject(OutputMapper.ToSuggestions(Name, names), enumerateCollection: true);
        }
    }

    #endregion
}
