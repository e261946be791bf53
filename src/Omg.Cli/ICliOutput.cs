using Omg.Protocol.Messages;

namespace Omg.Cli;

/// <summary>Renders what omgd answered: readable tables (<see cref="TextOutput"/>) or JSON (<see cref="JsonOutput"/>).</summary>
public interface ICliOutput
{
    /// <summary>omgd answered Ping.</summary>
    void Ping(string socketPath, string answer, TimeSpan elapsed);

    /// <summary>Search hits.</summary>
    void Search(SearchResult result);

    /// <summary>Info answers, one per name asked (errors included), in the order asked.</summary>
    void Packages(IReadOnlyList<(string Name, Response Answer)> answers);

    /// <summary>Suggested names.</summary>
    void Suggestions(IReadOnlyList<string> names);

    /// <summary>The package summary.</summary>
    void Status(StatusResult status);

    /// <summary>
    /// Info answers for a list of packages (<c>updates</c>, <c>orphans</c>), one row each where
    /// <see cref="Packages"/> writes a block; <paramref name="none"/> when the list is empty.
    /// </summary>
    void PackageList(IReadOnlyList<(string Name, Response Answer)> answers, string none);

    /// <summary>Installed runtimes.</summary>
    void Runtimes(IReadOnlyList<RuntimeInfo> runtimes);

    /// <summary>omgd's metrics.</summary>
    void Metrics(MetricsResult metrics);

    /// <summary>A security audit.</summary>
    void Audit(SecurityAuditResult audit);

    /// <summary>The module index.</summary>
    void Modules(IReadOnlyList<ModuleInfo> modules);

    /// <summary>What a module run answered.</summary>
    void Module(string name, ModuleResult result);

    /// <summary>An advisory import.</summary>
    void AdvisoryUpdate(AdvisoryUpdateResult result);

    /// <summary>The daemon's state.</summary>
    void Daemon(DaemonState state);

    /// <summary>A misused command line: what is wrong, as one line, and the usage hint of the verb (<see cref="UsageLine"/>).</summary>
    void Usage(string message, string usage);

    /// <summary>A failed command: the error name (<c>PACKAGE_NOT_FOUND</c>, <c>DAEMON_UNAVAILABLE</c>, ...), its code when omgd sent one, and the message.</summary>
    void Failure(string name, int? code, string message);
}
