using Microsoft.Extensions.Configuration;

namespace Photocollect.Payments;

/// <summary>Registers payments.</summary>
public static class PaymentsServiceCollectionExtensions
{
    /// <summary>The payment providers per school, payments, refunds, the reconciliation and the ledger.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PaymentOptions>(configuration.GetSection("Photocollect:Payments"));
        services.Configure<PaymentOptions>(o => o.PublicUrl ??= configuration["Photocollect:PublicBaseUrl"]);
        services.Configure<SandboxOptions>(configuration.GetSection("Photocollect:Payments:Sandbox"));
        services.AddHttpClient("payments", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<PaymentProviders>();
        services.AddScoped<PaymentService>();
        services.AddScoped<RefundService>();
        services.AddScoped<UnpaidOrders>();
        services.AddScoped<UnshotOrders>();
        services.AddScoped<PaymentReconciliation>();
        services.AddScoped<Ledger>();
        return services;
    }

    /// <summary>
    /// The payments' minute, once across the cluster (a reminder). Register it after the silo: it asks a grain at
    /// start-up. Tests that move the clock leave it out (<c>Photocollect:Jobs:Enabled=false</c>) and run its steps.
    /// </summary>
    public static IServiceCollection AddPaymentsJob(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("Photocollect:Jobs:Enabled", true))
        {
            services.AddHostedService<PaymentsJobSchedule>();
        }

        return services;
    }
}
