using System.Management.Automation;
using Omg.Protocol.Messages;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Gets the machine's package summary.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OmgStatus")]
[OutputType(typeof(SystemStatus))]
public sealed class GetOmgStatusCommand : OmgCmdlet
{
    #region Overrides

    /// <summary>Writes one status object.</summary>
    protected override void EndProcessing()
    {
        if (TryInvoke(Client.StatusAsync, Client.SocketPath, out StatusResult? status) && status is not null)
        {
            WriteObject(OutputMapper.ToSystemStatus(status));
        }
    }

    #endregion
}
