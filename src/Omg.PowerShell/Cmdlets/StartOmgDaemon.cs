using System.Management.Automation;
using Omg.Client;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Starts omgd unless it already answers.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "OmgDaemon", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(DaemonInfo))]
public sealed class StartOmgDaemonCommand : OmgCmdlet
{
    #region Parameters

    /// <summary>
    /// <para type="description">The omgd executable or omgd.dll to start; by default $env:OMG_DAEMON, else the omgd beside the module, else omgd on PATH.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DaemonPath { get; set; }

    /// <summary>
    /// <para type="description">More omgd arguments, for example '--root','/mnt/image' to describe another filesystem tree.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public string[]? ArgumentList { get; set; }

    #endregion

    #region Overrides

    /// <summary>The options with auto-start forced on: starting is the point.</summary>
    protected override OmgClientOptions CreateOptions() => new()
    {
        SocketPath = SocketPath,
        AutoStart = true,
        DaemonPath = DaemonPath is null ? null : ResolvePath(DaemonPath),
        DaemonArguments = ArgumentList ?? [],
    };

    /// <summary>Starts omgd and writes what it reports.</summary>
    protected override void EndProcessing()
    {
        string socket = Client.SocketPath;
        if (!ShouldProcess(socket, "Start omgd"))
        {
            return;
        }

        if (TryInvoke(ct => DaemonController.StartAsync(Client.Options, ct), socket, out DaemonInfo? info))
        {
            WriteObject(info);
        }
    }

    #endregion
}
