using System.Management.Automation;

namespace Omg.PowerShell;

/// <summary>How an exception is reported: a stable error id, a category, the text, and whether it ends the command.</summary>
/// <param name="ErrorId">The stable id scripts can match on (<c>OmgDaemonUnavailable</c>, ...).</param>
/// <param name="Category">The PowerShell error category.</param>
/// <param name="Message">The text shown to the user.</param>
/// <param name="Terminating">True when nothing else the command could do would succeed.</param>
public sealed record OmgErrorDescriptor(string ErrorId, ErrorCategory Category, string Message, bool Terminating);
