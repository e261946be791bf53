namespace Omg.Daemon.Hosting;

/// <summary>omgd cannot start (socket taken by a live daemon, path unusable); the message says why.</summary>
/// <param name="message">The one line omgd prints.</param>
/// <param name="inner">The failure behind it, if any.</param>
/// <param name="alreadyServed">
/// True when another omgd serves (or is starting on) the socket: the caller's goal, a daemon on that path, is met,
/// so omgd exits 0.
/// </param>
public sealed class DaemonStartException(string message, Exception? inner = null, bool alreadyServed = false) : Exception(message, inner)
{
    /// <summary>Another omgd serves, or is starting on, the same socket.</summary>
    public bool AlreadyServed { get; } = alreadyServed;
}
