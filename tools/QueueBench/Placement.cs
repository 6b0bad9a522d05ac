using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Photocollect.Grains;

namespace Photocollect.QueueBench;

/// <summary>
/// Which silo hosts a session's queue grain, asked of the cluster itself: an Orleans client on the instances'
/// gateways (the port kept for such tools) asks the management grain for the activation's address.
/// </summary>
public static class Placement
{
    /// <summary>The silo port of the silo hosting the session's queue grain, or null when it is not active.</summary>
    public static async Task<int?> SiloPortAsync(IReadOnlyList<int> gatewayPorts, Guid tenantId, Guid sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gatewayPorts);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseStaticClustering([.. gatewayPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p))])
            .Configure<ClusterOptions>(o =>
            {
                // The app's defaults (SiloSettings): the bench's instances set no others.
                o.ClusterId = "photocollect";
                o.ServiceId = "photocollect";
            }));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var grains = host.Services.GetRequiredService<IClusterClient>();
            var address = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.SessionQueue(tenantId, sessionId), cancellationToken);
            return address?.Endpoint.Port;
        }
        finally
        {
            await host.StopAsync(cancellationToken);
        }
    }
}
