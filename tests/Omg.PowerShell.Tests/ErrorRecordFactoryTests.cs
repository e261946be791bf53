using System.Management.Automation;
using Omg.Client;
using Omg.Protocol;
using Omg.Protocol.Messages;

namespace Omg.PowerShell.Tests;

public sealed class ErrorRecordFactoryTests
{
    [Theory]
    [InlineData(ErrorCodes.InvalidParams, "OmgInvalidArgument", ErrorCategory.InvalidArgument)]
    [InlineData(ErrorCodes.RateLimited, "OmgRateLimited", ErrorCategory.LimitsExceeded)]
    [InlineData(ErrorCodes.InternalError, "OmgDaemonInternalError", ErrorCategory.NotSpecified)]
    [InlineData(ErrorCodes.PackageNotFound, "OmgPackageNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(ErrorCodes.MethodNotFound, "OmgNotSupported", ErrorCategory.NotImplemented)]
    [InlineData(ErrorCodes.AdvisoryDataUnavailable, "OmgAdvisoryDataUnavailable", ErrorCategory.ResourceUnavailable)]
    [InlineData(-77, "OmgRequestFailed", ErrorCategory.NotSpecified)]
    public void Daemon_error_codes_map_to_stable_ids_and_categories(int code, string id, ErrorCategory category)
    {
        var exception = new OmgRequestException("Info", new ErrorResponse(9, code, "what the daemon said"));

        OmgErrorDescriptor descriptor = ErrorRecordFactory.Describe(exception);

        Assert.Equal(id, descriptor.ErrorId);
        Assert.Equal(category, descriptor.Category);
        Assert.False(descriptor.Terminating);
        Assert.Contains("what the daemon said", descriptor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unavailable_daemon_is_a_terminating_connection_error_that_says_what_was_tried()
    {
        var exception = new OmgDaemonUnavailableException("/run/user/1/omg.sock", "omgd is not running on /run/user/1/omg.sock and cannot be started: omgd was not found", "last log line");

        OmgErrorDescriptor descriptor = ErrorRecordFactory.Describe(exception);

        Assert.Equal("OmgDaemonUnavailable", descriptor.ErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, descriptor.Category);
        Assert.True(descriptor.Terminating);
        Assert.Contains("cannot be started", descriptor.Message, StringComparison.Ordinal);
        Assert.Contains("last log line", descriptor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_side_failures_have_ids_of_their_own()
    {
        Assert.Equal(("OmgRequestTimeout", ErrorCategory.OperationTimeout), Pair(new TimeoutException("slow")));
        Assert.Equal(("OmgInvalidResponse", ErrorCategory.InvalidResult), Pair(new InvalidDataException("bad")));
        Assert.Equal(("OmgInvalidArgument", ErrorCategory.InvalidArgument), Pair(new ArgumentException("too big")));
        Assert.Equal(("OmgUnexpectedError", ErrorCategory.NotSpecified), Pair(new InvalidOperationException("bug")));

        static (string, ErrorCategory) Pair(Exception e) => (ErrorRecordFactory.Describe(e).ErrorId, ErrorRecordFactory.Describe(e).Category);
    }

    [Fact]
    public void A_missing_package_message_lists_the_suggestions()
    {
        Assert.Equal("Package 'vimm' was not found. Did you mean: vim, vim-tiny?", ErrorRecordFactory.PackageNotFoundMessage("vimm", ["vim", "vim-tiny"]));
        Assert.Equal("Package 'zzz' was not found.", ErrorRecordFactory.PackageNotFoundMessage("zzz", []));
    }

    // What an ErrorRecord stores (id, category, target) is checked by the Pester tests under a real pwsh: outside
    // pwsh the standard library's engine types are shapes only, so an xunit check of them could not fail.
}
