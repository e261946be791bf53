using System.Management.Automation;
using Omg.Client;
using Omg.Protocol;

namespace Omg.PowerShell;

/// <summary>Maps the client's exceptions and the daemon's error codes to ErrorRecords with stable ids.</summary>
public static class ErrorRecordFactory
{
    /// <summary>The id of a package that does not exist.</summary>
    public const string PackageNotFoundId = "OmgPackageNotFound";

    /// <summary>The id of an unreachable daemon that could not be started.</summary>
    public const string DaemonUnavailableId = "OmgDaemonUnavailable";

    /// <summary>How <paramref name="exception"/> is reported.</summary>
    public static OmgErrorDescriptor Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            // Nothing else can work without the daemon, so this one stops the command.
            OmgDaemonUnavailableException unavailable => new(DaemonUnavailableId, ErrorCategory.ConnectionError, unavailable.Message, true),
            OmgRequestException request => DescribeCode(request.Code, request.Message),
            TimeoutException => new("OmgRequestTimeout", ErrorCategory.OperationTimeout, exception.Message, false),
            InvalidDataException => new("OmgInvalidResponse", ErrorCategory.InvalidResult, exception.Message, false),
            ArgumentException => new("OmgInvalidArgument", ErrorCategory.InvalidArgument, exception.Message, false),
            _ => new("OmgUnexpectedError", ErrorCategory.NotSpecified, exception.Message, false),
        };
    }

    /// <summary>How a daemon error code is reported.</summary>
    public static OmgErrorDescriptor DescribeCode(int code, string message) => code switch
    {
        ErrorCodes.InvalidParams => new("OmgInvalidArgument", ErrorCategory.InvalidArgument, message, false),
        // The client has already waited and retried; what reaches the user is a real limit.
        ErrorCodes.RateLimited => new("OmgRateLimited", ErrorCategory.LimitsExceeded, message, false),
        ErrorCodes.InternalError => new("OmgDaemonInternalError", ErrorCategory.NotSpecified, message, false),
        ErrorCodes.PackageNotFound => new(PackageNotFoundId, ErrorCategory.ObjectNotFound, message, false),
        ErrorCodes.MethodNotFound => new("OmgNotSupported", ErrorCategory.NotImplemented, message, false),
        ErrorCodes.AdvisoryDataUnavailable => new("OmgAdvisoryDataUnavailable", ErrorCategory.ResourceUnavailable, message, false),
        ErrorCodes.ModuleNotFound => new("OmgModuleNotFound", ErrorCategory.ObjectNotFound, message, false),
        ErrorCodes.ModuleFailed => new("OmgModuleFailed", ErrorCategory.InvalidResult, message, false),
        ErrorCodes.ParseError => new("OmgProtocolError", ErrorCategory.ProtocolError, message, false),
        ErrorCodes.PermissionDenied => new("OmgPermissionDenied", ErrorCategory.PermissionDenied, message, false),
        _ => new("OmgRequestFailed", ErrorCategory.NotSpecified, message, false),
    };

    /// <summary>The text of a missing package's error, with what the daemon suggests instead.</summary>
    public static string PackageNotFoundMessage(string name, IReadOnlyList<string> suggestions) =>
        suggestions.Count == 0
            ? $"Package '{name}' was not found."
            : $"Package '{name}' was not found. Did you mean: {string.Join(", ", suggestions)}?";

    /// <summary>The record for <paramref name="exception"/>, aimed at <paramref name="target"/>.</summary>
    public static ErrorRecord Create(Exception exception, object? target) => Create(exception, Describe(exception), target);

    /// <summary>The record for <paramref name="exception"/> as <paramref name="descriptor"/> describes it.</summary>
    public static ErrorRecord Create(Exception exception, OmgErrorDescriptor descriptor, object? target)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new ErrorRecord(exception, descriptor.ErrorId, descriptor.Category, target)
        {
            ErrorDetails = new ErrorDetails(descriptor.Message),
        };
    }

    /// <summary>The non-terminating ObjectNotFound record of a literal name that does not exist.</summary>
    public static ErrorRecord PackageNotFound(string name, IReadOnlyList<string> suggestions, Exception? cause = null)
    {
        string message = PackageNotFoundMessage(name, suggestions);
        return Create(new ItemNotFoundException(message, cause), new OmgErrorDescriptor(PackageNotFoundId, ErrorCategory.ObjectNotFound, message, false), name);
    }
}
