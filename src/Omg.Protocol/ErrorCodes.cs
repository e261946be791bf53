namespace Omg.Protocol;

/// <summary>The error codes an <c>Error</c> response carries: the seed's, then Omg's additive ones.</summary>
public static class ErrorCodes
{
    /// <summary>The request could not be deserialized.</summary>
    public const int ParseError = -32700;

    /// <summary>Unknown request type, or a capability this build does not have.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>A request argument is invalid; the message names the field.</summary>
    public const int InvalidParams = -32602;

    /// <summary>Unexpected daemon failure (a bug or a timeout); logged by the daemon.</summary>
    public const int InternalError = -32603;

    /// <summary>The requested package does not exist.</summary>
    public const int PackageNotFound = -1001;

    /// <summary>Too many requests from this client; the message says when to retry.</summary>
    public const int RateLimited = -1002;

    /// <summary>No advisory data is loaded, so an audit cannot say anything.</summary>
    public const int AdvisoryDataUnavailable = -1003;

    /// <summary>The named module does not exist.</summary>
    public const int ModuleNotFound = -1004;

    /// <summary>The module failed, returned an invalid response, or timed out.</summary>
    public const int ModuleFailed = -1005;

    /// <summary>The connecting process may not use this daemon (another uid than omgd's own or root); the connection closes.</summary>
    public const int PermissionDenied = -1006;

    /// <summary>The seed's constant name of a code (<c>PARSE_ERROR</c>, ...), or the number as text.</summary>
    public static string NameOf(int code) => code switch
    {
        ParseError => "PARSE_ERROR",
        MethodNotFound => "METHOD_NOT_FOUND",
        InvalidParams => "INVALID_PARAMS",
        InternalError => "INTERNAL_ERROR",
        PackageNotFound => "PACKAGE_NOT_FOUND",
        RateLimited => "RATE_LIMITED",
        AdvisoryDataUnavailable => "ADVISORY_DATA_UNAVAILABLE",
        ModuleNotFound => "MODULE_NOT_FOUND",
        ModuleFailed => "MODULE_FAILED",
        PermissionDenied => "PERMISSION_DENIED",
        _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
