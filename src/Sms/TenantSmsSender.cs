using Photocollect.Tenancy.Settings;

namespace Photocollect.Sms;

/// <summary>Picks the current school's provider from its <see cref="SmsSettings"/>.</summary>
public sealed class TenantSmsSender(ITenantSettings settings, IServiceProvider services) : ISmsSender
{
    /// <inheritdoc />
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var config = await settings.GetAsync<SmsSettings>(cancellationToken);
        ISmsSender sender = config.Provider switch
        {
            SmsProvider.TencentCloud => new TencentCloudSmsSender(config, services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System),
            SmsProvider.Aliyun => new AliyunSmsSender(config, services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System),
            _ => services.GetRequiredService<DevOutboxSmsSender>(),
        };
        await sender.SendAsync(message, cancellationToken);
    }
}
