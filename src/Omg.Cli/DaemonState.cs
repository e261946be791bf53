namespace Omg.Cli;

/// <summary>What <c>omg daemon status|start|stop</c> found out about omgd.</summary>
/// <param name="Reachable">True when omgd answered.</param>
/// <param name="SocketPath">The socket asked.</param>
/// <param name="Pid">omgd's process id, when it answered.</param>
/// <param name="Version">omgd's version, when it answered.</param>
/// <param name="Uptime">How long omgd has run, when it answered.</param>
/// <param name="Note">What the command did (<c>started</c>, <c>already running</c>, <c>stopped</c>, ...).</param>
public sealed record DaemonState(bool Reachable, string SocketPath, ulong? Pid = null, string? Version = null, TimeSpan? Uptime = null, string? Note = null);
