using Photocollect.Tenancy.Settings;

namespace Photocollect.Sms;

/// <summary>
/// Picks the current school's provider from its <see cref="SmsSettings"/>, and writes every message it sends or fails
/// to send to the school's <see cref="SmsHistory"/>, so support sees what went out whatever the provider.
/// </summary>
public sealed class TenantSmsSender(ITenantSettings settings, IServiceProvider services, SmsHistory history) : ISmsSender
{
    /// <inheritdoc />
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var config = await settings.GetAsync<SmsSettings>(cancellationToken);
        ISmsSender sender = config.Provider switch
        {
            SmsProvider.TencentCloud => new TencentCloudSmsSender(config, services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System),
            SmsProvider.Aliyun => new AliyunSmsSender(config, services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System),
            _ => services.GetRequiredService<DevOutboxSmsSender>(),
        };
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (SmsSendException e)
        {
            await history.RecordAsync(message, config.Provider, e.Message, CancellationToken.None);
            throw;
        }

        await history.RecordAsync(message, config.Provider, null, CancellationToken.None);
    }
}
