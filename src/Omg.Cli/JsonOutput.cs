using System.Buffers;
using System.Text;
using System.Text.Json;
using Omg.Protocol;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Cli;

/// <summary>
/// Machine output for <c>--json</c>: one JSON document per command on standard output, keyed by the
/// protocol's snake_case field names, written by hand so nothing depends on reflection.
/// </summary>
public sealed class JsonOutput : ICliOutput
{
    private readonly CliConsole _console;

    /// <summary>Writes to <paramref name="console"/>.</summary>
    public JsonOutput(CliConsole console) => _console = console;

    /// <inheritdoc />
    public void Ping(string socketPath, string answer, TimeSpan elapsed) => Emit(w =>
    {
        w.WriteStartObject();
        w.WriteString("socket", socketPath);
        w.WriteString("answer", answer);
        w.WriteNumber("elapsed_ms", Math.Round(elapsed.TotalMilliseconds, 3));
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public void Search(SearchResult result) => Emit(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("total", result.Total);
        w.WriteStartArray("packages");
        foreach (PackageInfo package in result.Packages)
        {
            w.WriteStartObject();
            w.WriteString("name", package.Name);
            w.WriteString("version", package.Version);
            w.WriteString("description", package.Description);
            w.WriteString("source", package.Source);
            w.WriteBoolean("installed", package.Installed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public void Packages(IReadOnlyList<(string Name, Response Answer)> answers) => Emit(w =>
    {
        w.WriteStartArray();
        foreach ((string name, Response answer) in answers)
        {
            if (answer is SuccessResponse { Result: DetailedPackageInfo info })
            {
                WritePackage(w, info);
            }
            else if (answer is ErrorResponse error)
            {
                WriteErrorLine(ErrorCodes.NameOf(error.Code), error.Code, $"{name}: {error.Message}");
                w.WriteStartObject();
                w.WriteString("name", name);
                WriteError(w, ErrorCodes.NameOf(error.Code), error.Code, error.Message);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
    });

    /// <inheritdoc />
    public void PackageList(IReadOnlyList<(string Name, Response Answer)> answers, string none) => Packages(answers);

    /// <inheritdoc />
    public void Suggestions(IReadOnlyList<string> names) => Emit(w => WriteStrings(w, null, names));

    /// <inheritdoc />
    public void Status(StatusResult status) => Emit(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("total_packages", status.TotalPackages);
        w.WriteNumber("explicit_packages", status.ExplicitPackages);
        w.WriteNumber("orphan_packages", status.OrphanPackages);
        w.WriteNumber("updates_available", status.UpdatesAvailable);
        w.WriteNumber("security_vulnerabilities", status.SecurityVulnerabilities);
        w.WriteBoolean("advisories_loaded", status.AdvisoriesLoaded);
        w.WriteStartObject("runtime_versions");
        foreach ((string name, string version) in status.RuntimeVersions)
        {
            w.WriteString(name, version);
        }

        w.WriteEndObject();
        WriteStrings(w, "problems", status.Problems);
        WriteStrings(w, "upgradable", status.Upgradable);
        WriteStrings(w, "orphans", status.Orphans);
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public void Runtimes(IReadOnlyList<RuntimeInfo> runtimes) => Emit(w =>
    {
        w.WriteStartArray();
        foreach (RuntimeInfo runtime in runtimes)
        {
            w.WriteStartObject();
            w.WriteString("name", runtime.Name);
            w.WriteString("version", runtime.Version);
            w.WriteString("path", runtime.Path);
            w.WriteString("manager", runtime.Manager);
            w.WriteBoolean("is_default", runtime.IsDefault);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <inheritdoc />
    public void Metrics(MetricsResult metrics) => Emit(w =>
    {
        w.WriteStartObject();
        w.WriteString("version", metrics.Version);
        w.WriteNumber("pid", metrics.Pid);
        w.WriteNumber("uptime_seconds", metrics.UptimeSeconds);
        w.WriteNumber("active_connections", metrics.ActiveConnections);
        w.WriteNumber("total_connections", metrics.TotalConnections);
        w.WriteNumber("rejected_connections", metrics.RejectedConnections);
        w.WriteNumber("bytes_in", metrics.BytesIn);
        w.WriteNumber("bytes_out", metrics.BytesOut);
        w.WriteNumber("rate_limited", metrics.RateLimited);
        w.WriteNumber("validation_failures", metrics.ValidationFailures);
        w.WriteStartArray("requests");
        foreach (RequestMetrics request in metrics.Requests)
        {
            w.WriteStartObject();
            w.WriteString("name", request.Name);
            w.WriteNumber("count", request.Count);
            w.WriteNumber("failures", request.Failures);
            w.WriteNumber("p50_us", request.P50Micros);
            w.WriteNumber("p99_us", request.P99Micros);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public void Audit(SecurityAuditResult audit) => Emit(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("total_vulnerabilities", audit.TotalVulnerabilities);
        w.WriteNumber("high_severity", audit.HighSeverity);
        w.WriteStartArray("vulnerabilities");
        foreach ((string package, IReadOnlyList<Vulnerability> vulnerabilities) in audit.Vulnerabilities)
        {
            foreach (Vulnerability vulnerability in vulnerabilities)
            {
                w.WriteStartObject();
                w.WriteString("package", package);
                w.WriteString("id", vulnerability.Id);
                w.WriteString("summary", vulnerability.Summary);
                if (vulnerability.Score is float score)
                {
                    // Through decimal so 9.8f prints as 9.8, not 9.80000019.
                    w.WriteNumber("score", decimal.Parse(score.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteNull("score");
                }

                w.WriteStartArray("aliases");
                foreach (string alias in vulnerability.Aliases)
                {
                    w.WriteStringValue(alias);
                }

                w.WriteEndArray();
                w.WriteString("installed_version", vulnerability.InstalledVersion);
                w.WriteString("fixed_version", vulnerability.FixedVersion);
                w.WriteString("source_package", vulnerability.SourcePackage);
                w.WriteString("ecosystem", vulnerability.Ecosystem);
                w.WriteString("severity", vulnerability.Severity);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public void Modules(IReadOnlyList<ModuleInfo> modules) => Emit(w =>
    {
        w.WriteStartArray();
        foreach (ModuleInfo module in modules)
        {
            w.WriteStartObject();
            w.WriteString("name", module.Name);
            w.WriteString("version", module.Version);
            w.WriteString("description", module.Description);
            w.WriteString("path", module.Path);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <inheritdoc />
    public void Module(string name, ModuleResult result) => Emit(w =>
    {
        w.WriteStartObject();
        w.WriteString("module", name);
        w.WriteNumber("retcode", result.Retcode);
        w.WriteString("message", result.Message);
        WriteStrings(w, "warning", result.Warning);
        w.WritePropertyName("data");
        MessagePackJson.Write(result.Data, w);
        WriteStrings(w, "logs", result.Logs);
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public void AdvisoryUpdate(AdvisoryUpdateResult result) => Emit(w =>
    {
        w.WriteStartObject();
        w.WriteString("source", result.Source);
        w.WriteNumber("advisories", result.Advisories);
        w.WriteNumber("packages", result.Packages);
        w.WriteBoolean("not_modified", result.NotModified);
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public void Daemon(DaemonState state) => Emit(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("reachable", state.Reachable);
        w.WriteString("socket", state.SocketPath);
        WriteOptional(w, "pid", state.Pid);
        w.WriteString("version", state.Version);
        WriteOptional(w, "uptime_seconds", state.Uptime is TimeSpan uptime ? (ulong)uptime.TotalSeconds : null);
        w.WriteString("note", state.Note);
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public void Usage(string message, string usage)
    {
        UsageError.Write(_console.Error, message, usage);
        Emit(w =>
        {
            w.WriteStartObject();
            WriteError(w, UsageError.Name, null, message);
            w.WriteEndObject();
        });
    }

    /// <inheritdoc />
    public void Failure(string name, int? code, string message)
    {
        WriteErrorLine(name, code, message);
        Emit(w =>
        {
            w.WriteStartObject();
            WriteError(w, name, code, message);
            w.WriteEndObject();
        });
    }

    private static void WritePackage(Utf8JsonWriter w, DetailedPackageInfo info)
    {
        w.WriteStartObject();
        w.WriteString("name", info.Name);
        w.WriteString("version", info.Version);
        w.WriteString("description", info.Description);
        w.WriteString("url", info.Url);
        w.WriteNumber("size", info.Size);
        w.WriteNumber("download_size", info.DownloadSize);
        w.WriteString("repo", info.Repo);
        WriteStrings(w, "depends", info.Depends);
        WriteStrings(w, "licenses", info.Licenses);
        w.WriteString("source", info.Source);
        w.WriteString("installed_version", info.InstalledVersion);
        w.WriteString("candidate_version", info.CandidateVersion);
        w.WriteString("architecture", info.Architecture);
        w.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter w, string name, int? code, string message)
    {
        w.WriteStartObject("error");
        w.WriteString("name", name);
        WriteOptional(w, "code", code is int c ? c : null);
        w.WriteString("message", message);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string property, long? value)
    {
        if (value is long number)
        {
            w.WriteNumber(property, number);
        }
        else
        {
            w.WriteNull(property);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string property, ulong? value) =>
        WriteOptional(w, property, value is ulong number ? (long)number : null);

    private static void WriteStrings(Utf8JsonWriter w, string? property, IEnumerable<string> values)
    {
        if (property is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(property);
        }

        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    // Errors go to stderr as well, so a script sees them the same way with and without --json.
    private void WriteErrorLine(string name, int? code, string message) =>
        ErrorLine.Write(_console.Error, name, code, message);

    private void Emit(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        _console.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
