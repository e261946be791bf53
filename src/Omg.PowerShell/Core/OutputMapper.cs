using Omg.Protocol.Messages;

namespace Omg.PowerShell;

/// <summary>
/// Turns protocol records into the module's output objects: plain properties only, so that
/// Export-Csv, ConvertTo-Json, Sort-Object and Group-Object see numbers, strings and string arrays
/// instead of tuples, unsigned counters or nested records.
/// </summary>
public static class OutputMapper
{
    /// <summary>A search hit.</summary>
    public static Package ToPackage(PackageInfo info) => new()
    {
        Name = info.Name,
        Version = info.Version,
        Description = info.Description,
        Source = info.Source,
        Installed = info.Installed,
    };

    /// <summary>A package's details.</summary>
    public static PackageDetail ToPackageDetail(DetailedPackageInfo info) => new()
    {
        Name = info.Name,
        Version = info.Version,
        Description = info.Description,
        Source = info.Source,
        Installed = info.InstalledVersion is not null,
        Url = info.Url,
        Size = ToInt64(info.Size),
        DownloadSize = ToInt64(info.DownloadSize),
        Repo = info.Repo,
        Depends = [.. info.Depends],
        Licenses = [.. info.Licenses],
        InstalledVersion = info.InstalledVersion,
        CandidateVersion = info.CandidateVersion,
        Architecture = info.Architecture,
    };

    /// <summary>The status summary, its runtime tuples turned into objects.</summary>
    public static SystemStatus ToSystemStatus(StatusResult status) => new()
    {
        TotalPackages = ToInt64(status.TotalPackages),
        ExplicitPackages = ToInt64(status.ExplicitPackages),
        OrphanPackages = ToInt64(status.OrphanPackages),
        UpdatesAvailable = ToInt64(status.UpdatesAvailable),
        SecurityVulnerabilities = status.AdvisoriesLoaded ? ToInt64(status.SecurityVulnerabilities) : null,
        RuntimeVersions = status.RuntimeVersions.Select(r => new RuntimeVersion { Name = r.Name, Version = r.Version }).ToArray(),
        Problems = [.. status.Problems],
        AdvisoriesLoaded = status.AdvisoriesLoaded,
        Upgradable = [.. status.Upgradable],
        Orphans = [.. status.Orphans],
    };

    /// <summary>An installed runtime.</summary>
    public static Runtime ToRuntime(RuntimeInfo info) => new()
    {
        Name = info.Name,
        Version = info.Version,
        Path = info.Path,
        Manager = info.Manager,
        IsDefault = info.IsDefault,
    };

    /// <summary>Suggestions for <paramref name="query"/>, ranked in the daemon's order.</summary>
    public static IEnumerable<Suggestion> ToSuggestions(string query, IReadOnlyList<string> names) =>
        names.Select((name, i) => new Suggestion { Name = name, Query = query, Rank = i + 1 });

    /// <summary>A reachable daemon described by its metrics.</summary>
    public static DaemonInfo ToDaemonInfo(string socket, MetricsResult metrics, string state) => new()
    {
        Reachable = true,
        Socket = socket,
        Pid = metrics.Pid is > 0 and <= int.MaxValue ? (int)metrics.Pid : null,
        Version = metrics.Version,
        UptimeSeconds = ToInt64(metrics.UptimeSeconds),
        State = state,
        ActiveConnections = ToInt64(metrics.ActiveConnections),
        TotalConnections = ToInt64(metrics.TotalConnections),
        RejectedConnections = ToInt64(metrics.RejectedConnections),
        BytesIn = ToInt64(metrics.BytesIn),
        BytesOut = ToInt64(metrics.BytesOut),
        RateLimited = ToInt64(metrics.RateLimited),
        ValidationFailures = ToInt64(metrics.ValidationFailures),
        Requests = metrics.Requests.Select(r => new RequestStatistic
        {
            Name = r.Name,
            Count = ToInt64(r.Count),
            Failures = ToInt64(r.Failures),
            P50Micros = ToInt64(r.P50Micros),
            P99Micros = ToInt64(r.P99Micros),
        }).ToArray(),
    };

    /// <summary>A module's answer to a call of <paramref name="name"/> that took <paramref name="duration"/>, its data as PowerShell objects.</summary>
    public static ModuleResult ToModuleResult(string name, Protocol.Messages.ModuleResult result, TimeSpan duration) => new()
    {
        Name = name,
        RetCode = result.Retcode,
        Message = result.Message,
        Warning = [.. result.Warning],
        Data = ModuleData.ToObject(result.Data),
        Logs = [.. result.Logs],
        Duration = duration,
    };

    /// <summary>An entry of the module index.</summary>
    public static Module ToModule(ModuleInfo info) => new()
    {
        Name = info.Name,
        Version = info.Version,
        Description = info.Description,
        Author = info.Author,
        Path = info.Path,
        Arguments = [.. info.Arguments.Select(a => new ModuleArgument { Name = a.Name, Type = a.Type, Required = a.Required, Description = a.Description, Default = a.Default ?? string.Empty })],
        Options = [.. info.Options.Select(o => new ModuleOption { Name = o.Name, Description = o.Description })],
        Examples = [.. info.Examples],
        Returns = info.Returns,
    };

    /// <summary>A daemon that did not answer.</summary>
    public static DaemonInfo Unreachable(string socket, string state) => new() { Reachable = false, Socket = socket, State = state };

    // Signed, because PowerShell compares, sums and exports Int64 without surprises where UInt64 mixes badly
    // with the Int32 literals people write; no real counter comes near the clamp.
    private static long ToInt64(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
}
