using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Photocollect.Data.DataProtection;
using Photocollect.Data.Migrations;
using Photocollect.Data.Tenancy;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Resolution;
using Photocollect.Tenancy.Settings;

namespace Photocollect.Data;

/// <summary>Registers the persistence layer.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>How many idle contexts the pool keeps (more may be in use at once; those are disposed on return).</summary>
    public const int PoolSize = 256;

    /// <summary>
    /// The database: the EF model on PostgreSQL, the migrations (applied by a hosted service registered here, so it
    /// starts before anything registered after it), the schools and their settings, and the shared Data Protection
    /// key ring.
    /// </summary>
    public static IServiceCollection AddData(this IServiceCollection services, string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString).EnableDynamicJson();
        // Every query opens and closes a pooled connection: no session reset on each return (nothing here keeps session
        // state: locks are per transaction) and the statements a page runs again and again prepared once per connection,
        // so PostgreSQL neither resets nor parses and plans them per request.
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        var dataSource = builder.Build();
        // Made by a factory so the container disposes it (closing its pooled connections) when the app stops.
        services.AddSingleton(_ => dataSource);
        // Contexts are pooled: a request takes one whose EF services are already resolved (setting up a new context
        // cost about a fifth of a simple page's CPU) and gives it its scope; disposing the scope returns it.
        services.AddPooledDbContextFactory<AppDbContext>((sp, o) => o.UseNpgsql(dataSource, npgsql => npgsql.EnableRetryOnFailure(
            maxRetryCount: TransientFailures.MaxRetries, maxRetryDelay: TransientFailures.MaxDelay, errorCodesToAdd: null))
            .AddInterceptors(sp.GetRequiredService<CampaignWrites>()), PoolSize);
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            db.UseScope(sp.GetRequiredService<TenantContext>());
            return db;
        });
        services.AddSingleton(sp => new MigrationRunner(connectionString, sp.GetRequiredService<ILogger<MigrationRunner>>()));
        services.AddHostedService<MigrationStartup>();
        services.AddSingleton<SchoolDirectory>();
        services.AddSingleton<CampaignDirectory>();
        services.AddSingleton<CampaignWrites>();
        services.AddScoped<ITenantStore, DatabaseTenantStore>();
        services.AddScoped<ITenantSettingsStore, DatabaseTenantSettingsStore>();
        services.AddScoped<IPlatformSettingsStore, DatabasePlatformSettingsStore>();
        services.TryAddSingleton<IAuditActor, SystemAuditActor>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<JobLog>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }
}
