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
    /// <para type="description">The filesystem tree omgd describes instead of /, like dpkg --root (a chroot, a mounted
    /// image, a container's root). A relative path is taken from PowerShell's current location; it must be a directory.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Root { get; set; }

    /// <summary>
    /// <para type="description">More omgd arguments, for example '--Limits:MaxConnections=64'. omgd runs from /, so paths
    /// given here should be absolute; use -Root for the filesystem tree.</para>
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
        DaemonArguments = [.. RootArguments(), .. ArgumentList ?? []],
    };

    // The detached omgd's working directory is /, so a relative root would describe the wrong tree: it is
    // resolved here, where "relative" means PowerShell's current location, and refused when it is no directory.
    private string[] RootArguments()
    {
        if (Root is null)
        {
            return [];
        }

        string full = ResolvePath(Root);
        if (!Directory.Exists(full))
        {
            ThrowTerminatingError(new ErrorRecord(
                new DirectoryNotFoundException($"-Root '{Root}' is not a directory ({full}); omgd needs an existing filesystem tree to describe."),
                "OmgRootNotFound",
                ErrorCategory.ObjectNotFound,
                Root));
        }

        return ["--root", full];
    }

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
