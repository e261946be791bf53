using System.Globalization;
using Omg.Protocol;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Cli;

/// <summary>Readable output: aligned tables fitted to the terminal, errors on standard error.</summary>
public sealed class TextOutput : ICliOutput
{
    private const string DescriptionIndent = "  ";
    private readonly CliConsole _console;

    /// <summary>Writes to <paramref name="console"/>.</summary>
    public TextOutput(CliConsole console) => _console = console;

    private TextWriter Out => _console.Out;

    /// <inheritdoc />
    public void Ping(string socketPath, string answer, TimeSpan elapsed) =>
        Out.WriteLine($"{answer} from {socketPath} in {elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms");

    /// <inheritdoc />
    public void Search(SearchResult result)
    {
        // A header over no rows reads like a failed listing; say so plainly instead.
        if (result.Packages.Count == 0)
        {
            Out.WriteLine(result.Total == 0 ? "(no matches)" : $"(0 of {result.Total} matches; --limit shows more)");
            return;
        }

        var table = new TableWriter("NAME", "VERSION", "SOURCE", "INSTALLED", "DESCRIPTION");
        foreach (PackageInfo package in result.Packages)
        {
            table.AddRow(package.Name, package.Version, package.Source, package.Installed ? "yes" : string.Empty, package.Description);
        }

        Write(table);
        if (result.Total > (ulong)result.Packages.Count)
        {
            Out.WriteLine($"({result.Packages.Count} of {result.Total} matches; --limit shows more)");
        }
    }

    /// <inheritdoc />
    public void Packages(IReadOnlyList<(string Name, Response Answer)> answers)
    {
        bool first = true;
        foreach ((string name, Response answer) in answers)
        {
            if (answer is ErrorResponse error)
            {
                Failure(ErrorCodes.NameOf(error.Code), error.Code, $"{name}: {error.Message}");
                continue;
            }

            if (answer is not SuccessResponse { Result: DetailedPackageInfo info })
            {
                continue;
            }

            if (!first)
            {
                Out.WriteLine();
            }

            first = false;
            Write(TableWriter.KeyValue()
                .AddRow("Name:", info.Name)
                .AddRow("Version:", info.Version)
                .AddRow("Installed:", info.InstalledVersion ?? "(none)")
                .AddRow("Candidate:", info.CandidateVersion ?? "(none)")
                .AddRow("Architecture:", info.Architecture)
                .AddRow("Source:", info.Source)
                .AddRow("Repo:", info.Repo)
                .AddRow("Size:", Bytes(info.Size))
                .AddRow("Download size:", Bytes(info.DownloadSize))
                .AddRow("Homepage:", info.Url)
                .AddRow("Depends:", string.Join(", ", info.Depends))
                .AddRow("Licenses:", string.Join(", ", info.Licenses)));
            Out.WriteLine("Description:");
            foreach (string line in info.Description.Split('\n'))
            {
                foreach (string part in _console.Width is int width ? TextWrap.Lines(line.TrimEnd(), width - DescriptionIndent.Length) : [line.TrimEnd()])
                {
                    Out.WriteLine(DescriptionIndent + part);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Suggestions(IReadOnlyList<string> names)
    {
        foreach (string name in names)
        {
            Out.WriteLine(name);
        }
    }

    /// <inheritdoc />
    public void PackageList(IReadOnlyList<(string Name, Response Answer)> answers, string none)
    {
        if (answers.Count == 0)
        {
            Out.WriteLine(none);
            return;
        }

        var table = new TableWriter("NAME", "INSTALLED", "CANDIDATE", "SIZE", "REPO");
        foreach ((string name, Response answer) in answers)
        {
            if (answer is SuccessResponse { Result: DetailedPackageInfo info })
            {
                table.AddRow(name, info.InstalledVersion ?? "(none)", info.CandidateVersion ?? "(none)", Bytes(info.Size), info.Repo);
            }
            else if (answer is ErrorResponse error)
            {
                Failure(ErrorCodes.NameOf(error.Code), error.Code, $"{name}: {error.Message}");
                table.AddRow(name, "?", "?", "?", string.Empty);
            }
        }

        Write(table);
    }

    /// <inheritdoc />
    public void Status(StatusResult status)
    {
        TableWriter table = TableWriter.KeyValue()
            .AddRow("Installed packages:", Number(status.TotalPackages))
            .AddRow("Explicitly installed:", Number(status.ExplicitPackages))
            .AddRow("Orphans:", Number(status.OrphanPackages))
            .AddRow("Updates available:", Number(status.UpdatesAvailable))
            .AddRow("Vulnerabilities:", status.AdvisoriesLoaded ? Number(status.SecurityVulnerabilities) : "unknown (no advisory data loaded)");

        // One runtime a line: a list in one cell was cut at the terminal's edge.
        string key = "Runtimes:";
        foreach ((string name, string version) in status.RuntimeVersions)
        {
            table.AddRow(key, $"{name} {version}");
            key = string.Empty;
        }

        if (status.RuntimeVersions.Count == 0)
        {
            table.AddRow(key, "(none)");
        }

        Write(table);
        foreach (string problem in status.Problems)
        {
            _console.Error.WriteLine($"omg: problem: {problem}");
        }
    }

    /// <inheritdoc />
    public void Runtimes(IReadOnlyList<RuntimeInfo> runtimes)
    {
        var table = new TableWriter("NAME", "VERSION", "MANAGER", "DEFAULT", "PATH");
        foreach (RuntimeInfo runtime in runtimes)
        {
            table.AddRow(runtime.Name, runtime.Version, runtime.Manager, runtime.IsDefault ? "yes" : string.Empty, runtime.Path);
        }

        Write(table);
    }

    /// <inheritdoc />
    public void Metrics(MetricsResult metrics)
    {
        Write(TableWriter.KeyValue()
            .AddRow("Version:", metrics.Version)
            .AddRow("Pid:", Number(metrics.Pid))
            .AddRow("Uptime:", Uptime(TimeSpan.FromSeconds(metrics.UptimeSeconds)))
            .AddRow("Connections:", $"{Number(metrics.ActiveConnections)} active, {Number(metrics.TotalConnections)} total, {Number(metrics.RejectedConnections)} rejected")
            .AddRow("Bytes:", $"{Number(metrics.BytesIn)} in, {Number(metrics.BytesOut)} out")
            .AddRow("Rate limited:", Number(metrics.RateLimited))
            .AddRow("Invalid requests:", Number(metrics.ValidationFailures)));
        if (metrics.Requests.Count == 0)
        {
            return;
        }

        Out.WriteLine();
        var table = new TableWriter("REQUEST", "COUNT", "FAILURES", "P50 µs", "P99 µs");
        foreach (RequestMetrics request in metrics.Requests)
        {
            table.AddRow(request.Name, Number(request.Count), Number(request.Failures), Number(request.P50Micros), Number(request.P99Micros));
        }

        Write(table);
    }

    /// <inheritdoc />
    public void Audit(SecurityAuditResult audit)
    {
        Out.WriteLine($"{Number(audit.TotalVulnerabilities)} vulnerabilities, {Number(audit.HighSeverity)} of high severity, in {audit.Vulnerabilities.Count} packages");
        if (audit.Vulnerabilities.Count == 0)
        {
            return;
        }

        Out.WriteLine();
        var table = new TableWriter("PACKAGE", "INSTALLED", "FIXED", "ID", "SEVERITY", "SCORE", "SUMMARY");
        foreach ((string package, IReadOnlyList<Vulnerability> vulnerabilities) in audit.Vulnerabilities)
        {
            foreach (Vulnerability vulnerability in vulnerabilities)
            {
                table.AddRow(package, vulnerability.InstalledVersion, vulnerability.FixedVersion ?? "-", vulnerability.Id, vulnerability.Severity,
                    vulnerability.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-", vulnerability.Summary);
            }
        }

        Write(table);
    }

    /// <inheritdoc />
    public void Modules(IReadOnlyList<ModuleInfo> modules)
    {
        var table = new TableWriter("NAME", "VERSION", "DESCRIPTION");
        foreach (ModuleInfo module in modules)
        {
            table.AddRow(module.Name, module.Version, module.Description);
        }

        Write(table);
    }

    /// <inheritdoc />
    public void Module(string name, ModuleResult result)
    {
        Write(TableWriter.KeyValue().AddRow("Module:", name).AddRow("Retcode:", result.Retcode.ToString(CultureInfo.InvariantCulture)).AddRow("Message:", result.Message));
        foreach (string warning in result.Warning)
        {
            _console.Error.WriteLine($"omg: warning: {warning}");
        }

        if (result.Data.Kind != MessagePackValueKind.Nil)
        {
            Out.WriteLine("Data:");
            Out.WriteLine(MessagePackJson.ToJson(result.Data, indented: true));
        }

        if (result.Logs.Count > 0)
        {
            Out.WriteLine("Logs:");
            foreach (string log in result.Logs)
            {
                Out.WriteLine("  " + log);
            }
        }
    }

    /// <inheritdoc />
    public void AdvisoryUpdate(AdvisoryUpdateResult result) =>
        Out.WriteLine(result.NotModified
            ? $"{result.Source}: not modified"
            : $"{result.Source}: {Number(result.Advisories)} advisories for {Number(result.Packages)} packages");

    /// <inheritdoc />
    public void Daemon(DaemonState state)
    {
        TableWriter table = TableWriter.KeyValue()
            .AddRow("Reachable:", state.Reachable ? "yes" : "no")
            .AddRow("Socket:", state.SocketPath);
        if (state.Pid is ulong pid)
        {
            table.AddRow("Pid:", Number(pid));
        }

        if (state.Version is not null)
        {
            table.AddRow("Version:", state.Version);
        }

        if (state.Uptime is TimeSpan uptime)
        {
            table.AddRow("Uptime:", Uptime(uptime));
        }

        if (state.Note is not null)
        {
            table.AddRow("Note:", state.Note);
        }

        Write(table);
    }

    /// <inheritdoc />
    public void Usage(string message, string usage) => UsageError.Write(_console.Error, message, usage);

    /// <inheritdoc />
    public void Failure(string name, int? code, string message) => ErrorLine.Write(_console.Error, name, code, message);

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bytes(ulong bytes) => bytes switch
    {
        0 => "-",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0 'KiB'", CultureInfo.InvariantCulture),
        _ => (bytes / (1024.0 * 1024)).ToString("0.0 'MiB'", CultureInfo.InvariantCulture),
    };

    private static string Uptime(TimeSpan uptime) =>
        uptime.Days > 0 ? $"{uptime.Days}d {uptime:hh\\:mm\\:ss}" : uptime.ToString("hh\\:mm\\:ss", CultureInfo.InvariantCulture);

    private void Write(TableWriter table) => table.Write(Out, _console.Width);
}
