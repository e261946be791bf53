using System.Management.Automation;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Gets whether omgd answers, and its pid, version, uptime and counters.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OmgDaemon")]
[OutputType(typeof(DaemonInfo))]
public sealed class GetOmgDaemonCommand : OmgCmdlet
{
    #region Overrides

    /// <summary>Asks omgd for its metrics; never starts it, and reports a daemon that does not answer as unreachable.</summary>
    protected override void EndProcessing()
    {
        if (TryInvoke(ct => DaemonController.GetAsync(Client.Options, ct), Client.SocketPath, out DaemonInfo? info))
        {
            WriteObject(info);
        }
    }

    #endregion
}
