using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Console;

namespace Omg.Daemon.Hosting;

/// <summary>
/// How omgd writes its log lines, chosen by the standard console logger key <c>Logging:Console:FormatterName</c>
/// (<c>simple</c>, <c>systemd</c> or <c>json</c>). Unset, omgd writes the journal's format when it runs under systemd
/// (<c>JOURNAL_STREAM</c> set) and single-line text otherwise.
/// </summary>
internal static class LogFormat
{
    /// <summary>The configuration key that names the format.</summary>
    public const string Key = "Logging:Console:FormatterName";

    /// <summary>Single-line text with a UTC timestamp.</summary>
    public const string Simple = ConsoleFormatterNames.Simple;

    /// <summary>The journal's format (syslog priority prefix, no timestamp).</summary>
    public const string Systemd = ConsoleFormatterNames.Systemd;

    /// <summary>One JSON object per line, for log collectors.</summary>
    public const string Json = ConsoleFormatterNames.Json;

    private static readonly string[] Names = [Simple, Systemd, Json];

    /// <summary>The format <paramref name="configuration"/> asks for, or the default for this environment.</summary>
    public static string Choose(IConfiguration configuration)
    {
        // The command line refuses an unknown name (Check); one from the environment or appsettings.json falls back
        // to the default rather than stop omgd from starting over how it logs.
        string? named = Names.FirstOrDefault(n => string.Equals(n, configuration[Key], StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named;
        }

        return Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null ? Systemd : Simple;
    }

    /// <summary>Null when <paramref name="value"/> names a format; else why not.</summary>
    public static string? Check(string value) =>
        Names.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"'{value}' is not a log format (simple, systemd or json)";
}
