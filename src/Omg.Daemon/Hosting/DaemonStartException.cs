namespace Omg.Daemon.Hosting;

/// <summary>omgd cannot start (socket taken by a live daemon, path unusable); the message says why.</summary>
public sealed class DaemonStartException(string message, Exception? inner = null) : Exception(message, inner);
