namespace Photocollect.Sms;

/// <summary>Registers the SMS adapters.</summary>
public static class SmsServiceCollectionExtensions
{
    /// <summary>The school's SMS provider, chosen per message from its settings (dev outbox, Tencent Cloud, Aliyun).</summary>
    public static IServiceCollection AddSms(this IServiceCollection services)
    {
        services.AddHttpClient("sms", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<DevOutboxSmsSender>();
        services.AddScoped<SmsHistory>();
        services.AddScoped<ISmsSender, TenantSmsSender>();
        return services;
    }
}
