using Omg.Protocol;
using Omg.Protocol.Messages;

namespace Omg.Client;

/// <summary>omgd answered a request with an error.</summary>
public sealed class OmgRequestException : Exception
{
    /// <summary>Creates the exception from the daemon's error answer.</summary>
    /// <param name="requestVariant">The request type (<c>Info</c>, ...), for the message.</param>
    /// <param name="error">The error response.</param>
    public OmgRequestException(string requestVariant, ErrorResponse error)
        : base($"{requestVariant} failed: {ErrorCodes.NameOf(error.Code)} ({error.Code}): {error.Message}")
    {
        RequestVariant = requestVariant;
        Code = error.Code;
        RemoteMessage = error.Message;
        RequestId = error.Id;
    }

    /// <summary>The request type that failed.</summary>
    public string RequestVariant { get; }

    /// <summary>The error code, one of <see cref="ErrorCodes"/>.</summary>
    public int Code { get; }

    /// <summary>The code's name, like <c>PACKAGE_NOT_FOUND</c>.</summary>
    public string CodeName => ErrorCodes.NameOf(Code);

    /// <summary>The daemon's message.</summary>
    public string RemoteMessage { get; }

    /// <summary>The id of the failed request on the wire.</summary>
    public ulong RequestId { get; }

    /// <summary>True for PACKAGE_NOT_FOUND.</summary>
    public bool IsPackageNotFound => Code == ErrorCodes.PackageNotFound;

    /// <summary>True for RATE_LIMITED (after the client's retries were used up).</summary>
    public bool IsRateLimited => Code == ErrorCodes.RateLimited;

    /// <summary>True for INVALID_PARAMS.</summary>
    public bool IsInvalidParams => Code == ErrorCodes.InvalidParams;

    /// <summary>True for MODULE_NOT_FOUND.</summary>
    public bool IsModuleNotFound => Code == ErrorCodes.ModuleNotFound;

    /// <summary>True for ADVISORY_DATA_UNAVAILABLE.</summary>
    public bool IsAdvisoryDataUnavailable => Code == ErrorCodes.AdvisoryDataUnavailable;
}
