using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omg.Client;
using Omg.Daemon.Handlers;
using Omg.Daemon.Hosting;
using Omg.Protocol.Messages;
using Omg.Tests.Shared;

namespace Omg.Audit.Tests;

/// <summary>The dispatcher's general request timeout does not cut an advisory import short.</summary>
public sealed class RequestTimeoutTests
{
    private sealed class SlowAudit : IAuditHandler
    {
        public ValueTask<SecurityAuditResult> AuditAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public async ValueTask<AdvisoryUpdateResult> UpdateAsync(string? source, CancellationToken cancellationToken)
        {
            // Longer than the general timeout below, as a real download of the tracker is.
            await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
            return new AdvisoryUpdateResult(source ?? "defaults", 1, 1, false);
        }

        public ValueTask<(ulong Vulnerabilities, bool Loaded)> CountAsync(CancellationToken cancellationToken) => new((0UL, false));
    }

    [Fact]
    public async Task UpdateAdvisories_outlives_the_general_request_timeout()
    {
        using var paths = new TestPaths();
        HostApplicationBuilder builder = DaemonHost.CreateBuilder(["--socket", paths.Socket, "--Limits:RequestTimeoutSeconds=0.2"], withBackends: false);
        builder.Services.AddSingleton<IAuditHandler, SlowAudit>();
        using IHost host = builder.Build();
        await host.StartAsync();
        try
        {
            await using var client = new OmgClient(new OmgClientOptions { SocketPath = paths.Socket, AutoStart = false });
            AdvisoryUpdateResult result = await client.UpdateAdvisoriesAsync("slow-source");
            Assert.Equal("slow-source", result.Source);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
