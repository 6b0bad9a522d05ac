using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Photocollect.Collection.Registry;
using Photocollect.Grains.Orders;

namespace Photocollect.Collection;

/// <summary>Registers the online collection.</summary>
public static class CollectionServiceCollectionExtensions
{
    /// <summary>
    /// The student registry (simulator or HTTP, per school), the collection flow, the bounded vision work, photo files,
    /// the order notices (SMS), the review desk, reprints, the roster import, order numbers, the retention purge and the student's own data.
    /// </summary>
    public static IServiceCollection AddCollection(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RegistryOptions>(configuration.GetSection("Photocollect:Registry"));
        services.AddHttpClient("registry", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<SimulatedStudentRegistry>();
        services.AddScoped<IStudentRegistry, TenantStudentRegistry>();
        services.AddMemoryCache();  // the orders CollectionFlow saw open (Accounts adds it too: adding twice is harmless)
        services.AddScoped<CollectionFlow>();
        services.AddScoped<StudentOrders>();
        services.Configure<VisionGateOptions>(configuration.GetSection("Photocollect:Vision"));
        services.AddSingleton<VisionGate>();
        // Collection codes are read on a lane of their own (one worker): a QR read of a few tens of milliseconds never
        // waits behind a queue of 12 MP photo checks at the opening hour.
        services.AddKeyedSingleton(VisionGate.CodeLane, (sp, _) =>
        {
            var photos = sp.GetRequiredService<IOptions<VisionGateOptions>>().Value;
            return new VisionGate(Options.Create(new VisionGateOptions { Lane = VisionGate.CodeLane, Workers = 1, QueueLength = photos.QueueLength, RetryAfterSeconds = photos.RetryAfterSeconds, Nice = photos.Nice }),
                sp.GetRequiredService<ILogger<VisionGate>>());
        });
        services.AddScoped<PhotoVision>();
        services.Configure<UploadStoreOptions>(configuration.GetSection("Photocollect:Uploads"));
        services.AddSingleton<UploadStore>();
        services.AddScoped<PhotoFiles>();
        services.AddScoped<OrderNotices>();
        services.AddScoped<ReviewDesk>();
        services.AddScoped<Reprints>();
        services.AddScoped<RosterImport>();
        services.AddSingleton(sp => new OrderNumbers(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Offline.QueueTickets>();
        services.AddScoped<Offline.OnSiteFlow>();
        services.AddScoped<Offline.Station>();
        services.AddScoped<Offline.OnSiteDesk>();
        services.AddScoped<Retention.RetentionPurge>();
        services.AddScoped<Retention.PersonalData>();
        services.AddScoped<Retention.HeldPersonalData>();
        return services;
    }

    /// <summary>
    /// The retention purge, once a day across the cluster (a reminder). Register it after the silo: it asks a grain at
    /// start-up. Tests that move the clock leave it out (<c>Photocollect:Jobs:Enabled=false</c>) and run the purge.
    /// </summary>
    public static IServiceCollection AddRetentionJob(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("Photocollect:Jobs:Enabled", true))
        {
            services.AddHostedService<Retention.RetentionJobSchedule>();
        }

        return services;
    }
}
