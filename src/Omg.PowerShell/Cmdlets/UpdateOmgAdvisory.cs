using System.Management.Automation;
using Omg.Client;
using Omg.Protocol.Messages;

namespace Omg.PowerShell;

/// <summary>
/// <para type="synopsis">Imports vulnerability advisories into omgd's store.</para>
/// <para type="description">Each source is a Debian security tracker JSON file, an OSV record, a directory of OSV records, a .zip of them (OSV's all.zip) or an http(s) URL. A source that is corrupt or unreachable is refused with an error; the data loaded before stays in use. With no -Source, omgd imports its configured default sources.</para>
/// </summary>
[Cmdlet(VerbsData.Update, "OmgAdvisory", SupportsShouldProcess = true)]
[OutputType(typeof(AdvisoryUpdate))]
public sealed class UpdateOmgAdvisoryCommand : OmgCmdlet
{
    private readonly List<string?> _sources = [];

    #region Parameters

    /// <summary>
    /// <para type="description">Files, directories, .zip archives or http(s) URLs; relative paths are relative to the current location. The configured default sources when omitted.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Path", "Url")]
    [ValidateNotNullOrEmpty]
    public string[]? Source { get; set; }

    #endregion

    #region Overrides

    /// <summary>An import may download and parse a large file: the client waits as long as omgd's own bound on it (Audit:UpdateTimeoutSeconds).</summary>
    protected override OmgClientOptions CreateOptions()
    {
        OmgClientOptions options = base.CreateOptions();
        options.RequestTimeout = TimeSpan.FromMinutes(15);
        return options;
    }

    /// <summary>Collects the sources.</summary>
    protected override void ProcessRecord()
    {
        foreach (string source in Source ?? [])
        {
            _sources.Add(IsUrl(source) ? source : GetUnresolvedProviderPathFromPSPath(source));
        }
    }

    /// <summary>Imports each source in turn, with progress, and writes one result per source.</summary>
    protected override void EndProcessing()
    {
        if (_sources.Count == 0)
        {
            _sources.Add(null);
        }

        for (int i = 0; i < _sources.Count; i++)
        {
            string? source = _sources[i];
            string shown = source ?? "the configured default sources";
            if (!ShouldProcess(shown, "Import advisories"))
            {
                continue;
            }

            WriteProgress(new ProgressRecord(1, "Update-OmgAdvisory", $"Importing {shown}") { PercentComplete = 100 * i / _sources.Count });
            if (TryInvoke(ct => Client.UpdateAdvisoriesAsync(source, ct), shown, out AdvisoryUpdateResult? result) && result is not null)
            {
                WriteObject(new AdvisoryUpdate { Source = result.Source, Advisories = (long)result.Advisories, Packages = (long)result.Packages, NotModified = result.NotModified });
            }
        }

        WriteProgress(new ProgressRecord(1, "Update-OmgAdvisory", "Done") { RecordType = ProgressRecordType.Completed });
    }

    #endregion

    private static bool IsUrl(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
