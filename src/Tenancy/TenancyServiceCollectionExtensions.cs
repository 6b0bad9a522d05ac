using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Tenancy.Resolution;
using Photocollect.Tenancy.Settings;

namespace Photocollect.Tenancy;

/// <summary>Registration of the tenancy services.</summary>
public static class TenancyServiceCollectionExtensions
{
    /// <summary>
    /// Registers resolution, the scoped <see cref="TenantContext"/> and <see cref="ITenantSettings"/> and <see cref="IPlatformSettings"/>. The caller
    /// registers <see cref="ITenantStore"/>, <see cref="ITenantSettingsStore"/> and <see cref="IPlatformSettingsStore"/>.
    /// </summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TenantResolutionOptions();
        if (configuration.GetSection("BaseDomains").Get<string[]>() is { Length: > 0 } domains)
        {
            options.BaseDomains.Clear();
            foreach (var domain in domains)
            {
                options.BaseDomains.Add(domain);
            }
        }

        services.AddSingleton(options);
        services.AddSingleton<HostStrategy>();
        services.AddScoped<TenantResolver>();
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantSettings, TenantSettings>();
        services.AddScoped<IPlatformSettings, PlatformSettings>();
        return services;
    }

    /// <summary>Adds <see cref="TenantResolutionMiddleware"/>.</summary>
    public static IApplicationBuilder UseTenantResolution(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();
}
