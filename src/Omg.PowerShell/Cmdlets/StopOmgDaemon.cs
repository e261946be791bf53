using System.Management.Automation;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Stops omgd with SIGTERM and waits until its socket is gone.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "OmgDaemon", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(DaemonInfo))]
public sealed class StopOmgDaemonCommand : OmgCmdlet
{
    #region Parameters

    /// <summary>
    /// <para type="description">Writes the stopped daemon's description; by default nothing is written.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    #endregion

    #region Overrides

    /// <summary>Finds omgd's pid through Metrics, signals it and waits for its socket to vanish.</summary>
    protected override void EndProcessing()
    {
        if (!TryInvoke(ct => DaemonController.GetAsync(Client.Options, ct), Client.SocketPath, out DaemonInfo? running) || running is null)
        {
            return;
        }

        if (!running.Reachable)
        {
            WriteVerbose($"omgd is not running on {running.Socket}.");
            if (PassThru)
            {
                WriteObject(running);
            }

            return;
        }

        if (!ShouldProcess($"omgd (pid {running.Pid}) on {running.Socket}", "Stop"))
        {
            return;
        }

        if (TryInvoke(ct => DaemonController.StopAsync(running, ct), running.Socket, out DaemonInfo? stopped) && PassThru)
        {
            WriteObject(stopped);
        }
    }

    #endregion
}
