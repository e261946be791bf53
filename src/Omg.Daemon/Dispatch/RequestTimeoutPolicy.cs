using Omg.Protocol.Messages;

namespace Omg.Daemon.Dispatch;

/// <summary>
/// Which requests the dispatcher's general request timeout bounds. Long work (an advisory import, a module
/// run) has its own, larger bound in its handler (Audit:UpdateTimeoutSeconds, the module's timeout_ms), so the
/// general timeout must not cut it short.
/// </summary>
internal static class RequestTimeoutPolicy
{
    /// <summary>True when <paramref name="request"/> is answered with a timeout error after the general request timeout.</summary>
    public static bool UsesGeneralTimeout(Request request) => request is not (UpdateAdvisoriesRequest or ModuleRequest);
}
