using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Photocollect.Data.Migrations;

/// <summary>Healthy when PostgreSQL answers and every embedded migration is recorded as applied.</summary>
public sealed class DatabaseHealthCheck(MigrationRunner migrations) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var applied = await migrations.AppliedIdsAsync(cancellationToken);
            var pending = MigrationRunner.Migrations.Select(m => m.Id).Except(applied).ToList();
            var data = new Dictionary<string, object> { ["applied"] = applied.Count, ["pending"] = pending };
            return pending.Count == 0
                ? HealthCheckResult.Healthy("database reachable, migrations applied", data)
                : HealthCheckResult.Unhealthy("migrations pending", data: data);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }

    /// <summary>JSON body: overall status, the cluster's active silos as this instance sees them, and each check's
    /// status and description.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var membership = context.RequestServices.GetRequiredService<IClusterMembershipService>();
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            silos = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
        }));
    }
}
