namespace Photocollect.Delivery;

/// <summary>Registers the school's side: progress, the students list, deliveries, the export log and API keys.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Adds the services.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddScoped<ExportLog>();
        services.AddScoped<Batches.Deliveries>();
        services.AddScoped<Progress.ProgressReport>();
        services.AddScoped<Students.SchoolStudents>();
        services.AddScoped<Students.FinishedPhotos>();
        services.AddScoped<ApiKeys.SchoolApiKeys>();
        return services;
    }
}
