using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Photocollect.Data.Grains;
using Photocollect.Grains.Storage;

namespace Photocollect.Web.Silo;

/// <summary>The silo this web instance co-hosts: clustering, endpoints, grain storage and reminders (decision 007).</summary>
public static class SiloHosting
{
    /// <summary>Hosts a silo in the web app; the pages and jobs reach grains through <see cref="IGrainFactory"/>.</summary>
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        // The providers' tables live in their own schema (migration 0006).
        var orleansConnection = new NpgsqlConnectionStringBuilder(
            string.IsNullOrWhiteSpace(settings.ClusteringConnectionString) ? connectionString : settings.ClusteringConnectionString)
        {
            SearchPath = "orleans",
        }.ConnectionString;
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            if (settings.UsesDatabase)
            {
                silo.ConfigureEndpoints(settings.Address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.AdvertisedIP is not null);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = orleansConnection;
                });
            }
            else
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            }

            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = orleansConnection;
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // Defaults declare a killed silo dead after ~12 s; students would see errors for that long.
                o.ProbeTimeout = settings.ProbeTimeout;
                o.NumMissedProbesLimit = 3;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            });
            // The dashboard's grains and counters; its pages are mapped by the web app under the operator's sign-in.
            silo.AddDashboard();
            silo.Services.AddGrainStorage(GrainStorageNames.Provider, (sp, _) => ActivatorUtilities.CreateInstance<PostgresGrainStorage>(sp));
        });
        return builder;
    }
}
