using Microsoft.Extensions.Configuration;

namespace Omg.Daemon.Hosting;

/// <summary>
/// Checks a setting given on omgd's command line against <see cref="DaemonOptions"/>, using the configuration
/// binder's own rules (the source-generated binder with <see cref="BinderOptions.ErrorOnUnknownConfiguration"/>),
/// so a misspelt key or a value of the wrong type is refused at start instead of being ignored.
/// </summary>
internal static class ConfigurationKeys
{
    // The host reads the Logging section itself; it is not part of DaemonOptions.
    private const string LoggingSection = "Logging";

    private static readonly string[] TopLevel =
    [
        nameof(DaemonOptions.Socket), nameof(DaemonOptions.Root), nameof(DaemonOptions.DataDir),
        nameof(DaemonOptions.Audit), nameof(DaemonOptions.Modules), nameof(DaemonOptions.Limits), LoggingSection,
    ];

    /// <summary>Whether <paramref name="key"/> (no section) names a top-level setting or section.</summary>
    public static bool IsTopLevel(string key) => TopLevel.Contains(key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="key"/> = <paramref name="value"/> binds; else the usage error for <paramref name="option"/>.</summary>
    public static string? Check(string option, string key, string value)
    {
        if (string.Equals(key, LogFormat.Key, StringComparison.OrdinalIgnoreCase))
        {
            return LogFormat.Check(value) is { } error ? $"{option}: {error}" : null;
        }

        if (key.StartsWith(LoggingSection + ":", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        try
        {
            _ = configuration.Get<DaemonOptions>(binder => binder.ErrorOnUnknownConfiguration = true);
            return null;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains(nameof(BinderOptions.ErrorOnUnknownConfiguration), StringComparison.Ordinal))
        {
            return $"unknown option '{option}'";
        }
        catch (InvalidOperationException)
        {
            return $"{option}: '{value}' is not a valid value";
        }
    }
}
