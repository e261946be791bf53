using System.Management.Automation;
using Omg.Protocol.Messages;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Gets the SysInspect-style modules omgd can run, with their docs.</para>
/// <para type="description">Lists the modules under omgd's module roots (--module-root, configuration, OMG_MODULE_PATH, /usr/share/sysinspect/modules) with what each module's .mod_doc.yaml says: version, author, description, arguments, options and examples. A literal name that matches no module is an ObjectNotFound error.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OmgModule")]
[OutputType(typeof(Module))]
public sealed class GetOmgModuleCommand : OmgCmdlet
{
    /// <summary>The error id of a literal name that matches no module.</summary>
    public const string ModuleNotFoundId = "OmgModuleNotFound";

    private readonly List<string> _names = [];

    #region Parameters

    /// <summary>
    /// <para type="description">Module names (sys.proc); wildcards are allowed. All modules when omitted.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ModuleNameCompleter))]
    public string[]? Name { get; set; }

    #endregion

    #region Overrides

    /// <summary>Collects names: one Modules request serves them all.</summary>
    protected override void ProcessRecord() => _names.AddRange(Name ?? []);

    /// <summary>Writes the matching modules; a literal name that matches none is an ObjectNotFound error.</summary>
    protected override void EndProcessing()
    {
        if (!TryInvoke(Client.ModulesAsync, Client.SocketPath, out IReadOnlyList<ModuleInfo>? modules) || modules is null)
        {
            return;
        }

        WriteMatching(modules.Select(OutputMapper.ToModule).ToArray(), m => m.Name, _names, "Module", ModuleNotFoundId);
    }

    #endregion
}
