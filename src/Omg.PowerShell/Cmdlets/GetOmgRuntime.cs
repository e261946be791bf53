using System.Management.Automation;
using Omg.Protocol.Messages;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Gets the language runtimes installed on the machine.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OmgRuntime")]
[OutputType(typeof(Runtime))]
public sealed class GetOmgRuntimeCommand : OmgCmdlet
{
    private readonly List<string> _names = [];

    #region Parameters

    /// <summary>
    /// <para type="description">Runtime names (python, node, ...); wildcards are allowed. All runtimes when omitted.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    #endregion

    #region Overrides

    /// <summary>Collects names: one Runtimes request serves them all.</summary>
    protected override void ProcessRecord() => _names.AddRange(Name ?? []);

    /// <summary>Writes the matching runtimes; a literal name that matches none is an ObjectNotFound error.</summary>
    protected override void EndProcessing()
    {
        if (!TryInvoke(Client.RuntimesAsync, Client.SocketPath, out IReadOnlyList<RuntimeInfo>? runtimes) || runtimes is null)
        {
            return;
        }

        WriteMatching(runtimes.Select(OutputMapper.ToRuntime).ToArray(), r => r.Name, _names, "Runtime", "OmgRuntimeNotFound");
    }

    #endregion
}
